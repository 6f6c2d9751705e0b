import Foundation

/// The domain part of an e-mail address: validated, lower-cased, Unicode labels converted to Punycode.
enum EmailDomain {
    static let maxLength = 253
    static let maxLabelLength = 63

    /// The normalised domain, or a `validation` error on `username` saying what is wrong.
    static func normalize(_ input: String) throws -> String {
        guard !input.isEmpty else { throw Username.invalid("The part after @ is empty.") }
        guard !input.hasSuffix(".") else { throw Username.invalid("The domain must not end with a dot.") }
        let labels = try input.split(separator: ".", omittingEmptySubsequences: false).map { label in
            guard !label.isEmpty else {
                throw Username.invalid("The domain must not start with a dot or contain two dots in a row.")
            }
            return try normalizeLabel(String(label))
        }
        guard labels.count >= 2 else {
            throw Username.invalid("The domain must have at least two labels, such as example.com.")
        }
        if let top = labels.last, top.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw Username.invalid("The top-level domain must not be all digits.")
        }
        let domain = labels.joined(separator: ".")
        guard domain.utf8.count <= maxLength else {
            throw Username.invalid("The domain must be at most \(maxLength) characters.")
        }
        return domain
    }

    private static func normalizeLabel(_ label: String) throws -> String {
        let ascii: String
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii = label.lowercased()
            guard ascii.utf8.allSatisfy(isLDH) else {
                throw Username.invalid("Domain labels may contain only letters, digits and hyphens.")
            }
            if ascii.hasPrefix("xn--") { try checkPunycode(ascii) }
        } else {
            ascii = try punycodeLabel(label)
        }
        guard ascii.utf8.count <= maxLabelLength else {
            throw Username.invalid("Each domain label must be at most \(maxLabelLength) characters.")
        }
        guard !ascii.hasPrefix("-"), !ascii.hasSuffix("-") else {
            throw Username.invalid("Domain labels must not start or end with a hyphen.")
        }
        return ascii
    }

    /// A Unicode label → `xn--…`, after NFC normalisation and lower-casing.
    private static func punycodeLabel(_ label: String) throws -> String {
        let unicode = label.precomposedStringWithCanonicalMapping.lowercased()
        let valid = unicode.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                true
            default:
                scalar == "-"
            }
        }
        guard valid, let encoded = Punycode.encode(unicode) else {
            throw Username.invalid("Domain labels may contain only letters, digits and hyphens.")
        }
        return "xn--" + encoded
    }

    /// An `xn--` label must decode, contain non-ASCII, and be the canonical encoding of what it decodes to.
    private static func checkPunycode(_ label: String) throws {
        let encoded = String(label.dropFirst(4))
        guard let decoded = Punycode.decode(encoded), decoded.unicodeScalars.contains(where: { !$0.isASCII }),
              Punycode.encode(decoded) == encoded
        else {
            throw Username.invalid("The domain label \(label) is not valid Punycode.")
        }
    }

    private static func isLDH(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
    }
}
