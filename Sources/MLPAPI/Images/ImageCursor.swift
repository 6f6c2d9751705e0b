import Foundation
import HTTP
import MLPDomain

/// The opaque `cursor` of image lists: base64url (no padding) of `v1:<last id>` in the order by upload, or of
/// `v2:taken:<microseconds since 1970 of the last picture's place>:<last id>` in the order by the time taken.
/// Clients pass it back unchanged, with the same `sort`; anything else is a 422 with a field error on `cursor`.
enum ImageCursor {
    static func encode(_ position: ImageListPosition, order: ImageOrder) -> String {
        let plain: String
        switch order {
        case .uploaded: plain = "v1:\(position.id)"
        case .taken:
            let micros = Int64(((position.timeline ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970 * 1_000_000).rounded())
            plain = "v2:taken:\(micros):\(position.id)"
        }
        return Base64Encoding.encode(Array(plain.utf8))
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A cursor of a list in `order`; one of the other order is refused (its position means nothing here).
    static func decode(_ text: String, order: ImageOrder) throws -> ImageListPosition {
        let invalid = DomainError.invalid("cursor", "Not a cursor this API returned; start again without one.")
        guard !text.isEmpty, text.count <= 96, text.utf8.allSatisfy({ Self.isBase64URL($0) }) else { throw invalid }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let bytes = try? Base64Decoding.decode(standard), let plain = String(validating: bytes, as: UTF8.self) else { throw invalid }
        let fields = plain.split(separator: ":", omittingEmptySubsequences: false)
        let position: ImageListPosition
        let found: ImageOrder
        switch (fields.first, fields.count) {
        case ("v1", 2):
            guard let id = Self.number(fields[1]), id > 0 else { throw invalid }
            (position, found) = (ImageListPosition(id: id), .uploaded)
        case ("v2", 4) where fields[1] == "taken":
            guard let micros = Self.number(fields[2]), let id = Self.number(fields[3]), id > 0,
                  (Self.earliest...Self.latest).contains(micros)
            else { throw invalid }
            (position, found) = (ImageListPosition(id: id, timeline: Date(timeIntervalSince1970: Double(micros) / 1_000_000)), .taken)
        default: throw invalid
        }
        guard found == order else {
            throw DomainError.invalid("cursor", "This cursor continues the list with sort=\(found.rawValue); send that sort, or start again without a cursor.")
        }
        return position
    }

    /// 1000-01-01 and 9999-12-31, the range of a `DATETIME`, in microseconds since 1970.
    private static let earliest: Int64 = -30_610_224_000_000_000
    private static let latest: Int64 = 253_402_300_799_000_000

    /// A decimal integer written as `String(value)` would write it (no sign for positives, no leading zeros).
    private static func number(_ text: Substring) -> Int64? {
        guard let value = Int64(text), String(value) == text else { return nil }
        return value
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
