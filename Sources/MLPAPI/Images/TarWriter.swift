import Foundation
import HTTP

/// Writes a POSIX ustar archive (POSIX.1-1988, read by GNU tar, bsdtar, 7-Zip and the file managers of the
/// usual systems) member by member to a sink. Small pieces (headers, JSON, padding) are gathered and handed
/// over in chunks of about ``flushBytes``; a large file's bytes are handed over as they are, without a copy.
struct TarWriter {
    static let blockSize = 512
    static let flushBytes = 256 << 10
    /// Largest member the 11 octal digits of the size field can state (8 GiB − 1).
    static let maxMemberBytes = 0o77777777777
    private var pending: [UInt8] = []

    /// A directory member; `name` ends with `/`.
    mutating func directory(_ name: String, modified: Date, to sink: StreamedBody.Sink) throws {
        pending += try Self.header(name: name, size: 0, modified: modified, type: UInt8(ascii: "5"), mode: 0o755)
        try flushIfFull(to: sink)
    }

    /// A regular file member with these bytes.
    mutating func file(_ name: String, _ bytes: [UInt8], modified: Date, to sink: StreamedBody.Sink) throws {
        pending += try Self.header(name: name, size: bytes.count, modified: modified, type: UInt8(ascii: "0"), mode: 0o644)
        if bytes.count >= Self.flushBytes {
            try flush(to: sink)
            try sink(bytes)
        } else {
            pending += bytes
        }
        pending += repeatElement(0, count: Self.padding(bytes.count))
        try flushIfFull(to: sink)
    }

    /// The two zero blocks that end an archive, and everything still gathered.
    mutating func finish(to sink: StreamedBody.Sink) throws {
        pending += repeatElement(0, count: 2 * Self.blockSize)
        try flush(to: sink)
    }

    private mutating func flushIfFull(to sink: StreamedBody.Sink) throws {
        if pending.count >= Self.flushBytes { try flush(to: sink) }
    }

    private mutating func flush(to sink: StreamedBody.Sink) throws {
        guard !pending.isEmpty else { return }
        try sink(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Zero bytes that fill a member's data up to the next block.
    static func padding(_ count: Int) -> Int {
        (blockSize - count % blockSize) % blockSize
    }

    struct NameTooLong: Error {}

    /// A 512-byte ustar header. Names are ASCII of at most 100 bytes (the archive's own names: ids, not titles);
    /// owner and group are 0 and unnamed, so extracting as any user gives files owned by that user.
    static func header(name: String, size: Int, modified: Date, type: UInt8, mode: Int) throws -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 100, nameBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), (0...maxMemberBytes).contains(size) else {
            throw NameTooLong()
        }
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: some Sequence<UInt8>, at offset: Int) {
            for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
        }
        /// `value` in `width - 1` octal digits with leading zeros, then NUL.
        func octal(_ value: Int, width: Int, at offset: Int) {
            let digits = String(value, radix: 8)
            put((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8, at: offset)
            block[offset + width - 1] = 0
        }
        put(nameBytes, at: 0)
        octal(mode, width: 8, at: 100)
        octal(0, width: 8, at: 108)  // uid
        octal(0, width: 8, at: 116)  // gid
        octal(size, width: 12, at: 124)
        octal(max(0, Int(modified.timeIntervalSince1970)), width: 12, at: 136)
        put(repeatElement(UInt8(ascii: " "), count: 8), at: 148)  // the checksum counts its own field as spaces
        block[156] = type
        put("ustar\0".utf8, at: 257)
        put("00".utf8, at: 263)
        let checksum = block.reduce(0) { $0 + Int($1) }
        octal(checksum, width: 7, at: 148)  // six digits, NUL, and the space already there
        return block
    }
}
