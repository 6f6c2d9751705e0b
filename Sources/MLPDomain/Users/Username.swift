import Foundation

/// A username: an e-mail address in a practical subset of RFC 5321/5322, normalised.
///
/// The text is trimmed; the local part is kept as typed (dot-atom, ASCII); the domain is lower-cased and
/// internationalised labels are stored as Punycode (`xn--`). Uniqueness is case-insensitive through `key`.
public struct Username: Hashable, Sendable, CustomStringConvertible {
    /// The normalised address, as stored and shown.
    public let value: String

    /// The key under which usernames are unique: the whole address lower-cased.
    public var key: String { value.lowercased() }

    public var description: String { value }

    /// Local-part characters besides letters and digits (RFC 5322 `atext`).
    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~-".utf8)
    static let maxLocalLength = 64
    static let maxLength = 254

    /// Validates and normalises user input; throws a `validation` error on the field `username` saying what is wrong.
    public init(validating input: String) throws {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Self.invalid("Enter an e-mail address.") }
        guard !text.unicodeScalars.contains(where: Self.isSpaceOrControl) else {
            throw Self.invalid("The e-mail address must not contain spaces or control characters.")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw Self.invalid("The e-mail address must contain exactly one @.") }
        let local = String(parts[0])
        try Self.checkLocalPart(local)
        let domain = try EmailDomain.normalize(String(parts[1]))
        let address = local + "@" + domain
        guard address.utf8.count <= Self.maxLength else {
            throw Self.invalid("The e-mail address must be at most \(Self.maxLength) characters.")
        }
        value = address
    }

    /// Wraps a username read back from storage, already normalised.
    public init(normalized value: String) {
        self.value = value
    }

    private static func checkLocalPart(_ local: String) throws {
        guard !local.isEmpty else { throw invalid("The part before @ is empty.") }
        let bytes = Array(local.utf8)
        guard bytes.count <= maxLocalLength else {
            throw invalid("The part before @ must be at most \(maxLocalLength) characters.")
        }
        let allowed = bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || byte == UInt8(ascii: ".") || localSymbols.contains(byte)
        }
        guard allowed else {
            throw invalid("The part before @ may contain only ASCII letters, digits, dots and !#$%&'*+/=?^_`{|}~-.")
        }
        guard bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: "."), !local.contains("..") else {
            throw invalid("The part before @ must not start or end with a dot or contain two dots in a row.")
        }
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .lineSeparator
            || scalar.properties.generalCategory == .paragraphSeparator
    }

    static func invalid(_ message: String) -> DomainError {
        .invalid("username", message)
    }
}
