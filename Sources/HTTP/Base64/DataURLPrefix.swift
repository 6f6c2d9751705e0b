/// The optional `data:<media type>;base64,` prefix in front of base64 text (RFC 2397).
enum DataURLPrefix {
    /// Where the base64 data starts: after the prefix, or 0 without one.
    static func dataStart(in input: UnsafeBufferPointer<UInt8>) throws(Base64Error) -> Int {
        guard let (start, comma) = locate(in: input) else { return 0 }
        guard let comma else {
            throw Base64Error(.invalidDataURL, position: start, detail: "The data: URL at position \(start) has no ','.")
        }
        let marker = Array(";base64".utf8)
        guard comma - start >= 5 + marker.count,
              marker.indices.allSatisfy({ lowercased(input[comma - marker.count + $0]) == marker[$0] })
        else {
            throw Base64Error(
                .invalidDataURL, position: start, detail: "The data: URL at position \(start) does not declare ;base64."
            )
        }
        return comma + 1
    }

    /// The media type a data: URL claims (`image/png`), lower-cased, without parameters. A claim only:
    /// sniff the decoded bytes before trusting it.
    static func declaredMediaType(in input: UnsafeBufferPointer<UInt8>) -> String? {
        guard let (start, comma) = locate(in: input), let comma else { return nil }
        let afterScheme = start + 5
        var end = afterScheme
        while end < comma, input[end] != UInt8(ascii: ";") { end += 1 }
        let type = String(decoding: UnsafeBufferPointer(rebasing: input[afterScheme..<end]), as: UTF8.self)
        return type.isEmpty ? nil : type.lowercased()
    }

    /// The offset of `data:` after leading whitespace and of the first `,` after it; nil without `data:`.
    private static func locate(in input: UnsafeBufferPointer<UInt8>) -> (start: Int, comma: Int?)? {
        var start = 0
        while start < input.count, Base64Decoding.table[Int(input[start])] == Base64Decoding.whitespace { start += 1 }
        let scheme = Array("data:".utf8)
        guard input.count - start >= scheme.count,
              scheme.indices.allSatisfy({ lowercased(input[start + $0]) == scheme[$0] })
        else { return nil }
        return (start, input[(start + scheme.count)...].firstIndex(of: UInt8(ascii: ",")))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
