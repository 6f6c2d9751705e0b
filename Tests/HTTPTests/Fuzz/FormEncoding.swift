/// Percent-encoding for building valid fuzz inputs: every byte but the unreserved ones, space as `+` or `%20`.
enum FormEncoding {
    static func encode(_ text: String, spaceAsPlus: Bool, uppercase: Bool = true) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " ") where spaceAsPlus:
                out += "+"
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: uppercase)
            }
        }
        return out
    }
}

extension FormEncoding {
    /// Reference percent-decoding written from RFC 3986 (Foundation's `removingPercentEncoding` drops a leading
    /// U+FEFF on Linux, so it cannot serve): nil for `%` without two hex digits or for invalid UTF-8.
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, let high = hexDigit(bytes[index + 1]), let low = hexDigit(bytes[index + 2])
                else { return nil }
                out.append(high * 16 + low)
                index += 3
            case UInt8(ascii: "+") where plusAsSpace:
                out.append(UInt8(ascii: " "))
                index += 1
            default:
                out.append(bytes[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        let digits = Array("0123456789abcdef".utf8)
        let lower = (65...70).contains(byte) ? byte + 32 : byte
        return digits.firstIndex(of: lower).map(UInt8.init)
    }
}
