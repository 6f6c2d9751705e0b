import Foundation
import HTTP
import MLPDomain

/// The opaque `cursor` of image lists: base64url (no padding) of `v1:<last id>`. Clients pass it back
/// unchanged; anything else is a 422 with a field error on `cursor`.
enum ImageCursor {
    static func encode(beforeID: Int64) -> String {
        Base64Encoding.encode(Array("v1:\(beforeID)".utf8))
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) throws -> Int64 {
        let invalid = DomainError.invalid("cursor", "Not a cursor this API returned; start again without one.")
        guard !text.isEmpty, text.count <= 64, text.utf8.allSatisfy({ Self.isBase64URL($0) }) else { throw invalid }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let bytes = try? Base64Decoding.decode(standard), let plain = String(validating: bytes, as: UTF8.self),
            plain.hasPrefix("v1:"), let id = Int64(plain.dropFirst(3)), id > 0, String(id) == plain.dropFirst(3)
        else { throw invalid }
        return id
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
