/// Finds a multipart delimiter (`CRLF--boundary`) in a body in linear time.
///
/// The needle's first byte (CR or LF) occurs nowhere else in it, because boundaries cannot contain CR or LF.
/// So candidates are found by scanning for that byte eight bytes at a time, and a failed comparison never spans
/// another candidate: each byte is looked at no more than twice, whatever the boundary and the body.
struct DelimiterSearch {
    let needle: [UInt8]
    private let first: UInt8
    /// `first` in every byte of a word.
    private let pattern: UInt64

    init(needle: [UInt8]) {
        precondition(!needle.isEmpty && !needle.dropFirst().contains(needle[0]), "first byte must be unique")
        self.needle = needle
        self.first = needle[0]
        self.pattern = UInt64(needle[0]) &* 0x0101_0101_0101_0101
    }

    /// The first index in `start...lastStart` where the whole needle occurs in `haystack`.
    func firstIndex(in haystack: UnsafeBufferPointer<UInt8>, from start: Int, lastStart: Int) -> Int? {
        let end = min(lastStart, haystack.count - needle.count)
        guard start >= 0, start <= end, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            let text = UnsafeRawPointer(base), pattern = UnsafeRawPointer(needle.baseAddress!)
            var index = start
            while let candidate = nextCandidate(in: base, from: index, through: end) {
                // Eight bytes at a time, then byte by byte to the first difference: `matched` stays exact.
                var matched = 1
                while matched + 8 <= needle.count,
                      text.loadUnaligned(fromByteOffset: candidate + matched, as: UInt64.self)
                        == pattern.loadUnaligned(fromByteOffset: matched, as: UInt64.self) {
                    matched += 8
                }
                while matched < needle.count, base[candidate + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return candidate }
                index = candidate + matched
            }
            return nil
        }
    }

    /// The first index in `start...end` holding the needle's first byte.
    private func nextCandidate(in base: UnsafePointer<UInt8>, from start: Int, through end: Int) -> Int? {
        var index = start
        let raw = UnsafeRawPointer(base)
        while index + 8 <= end + 1 {
            // A byte of `word` is zero where the text byte equals the first needle byte; the lowest flagged byte
            // of the classic has-zero-byte test is always a true zero.
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ pattern
            let flags = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
            index += 8
        }
        while index <= end {
            if base[index] == first { return index }
            index += 1
        }
        return nil
    }
}
