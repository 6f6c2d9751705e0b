import Foundation

/// A new password that passes the policy: 8 to 128 characters (Unicode scalars, after NFKC normalisation),
/// not one of the most common passwords. Never printed: its description is a mask.
public struct Password: Sendable, CustomStringConvertible {
    public static let minLength = 8
    public static let maxLength = 128

    /// The normalised text that is hashed.
    public let value: String

    public var description: String { "********" }

    /// Checks the policy; throws a `validation` error on the field `password` saying what is wrong.
    public init(validating input: String) throws {
        let normalized = Self.normalize(input)
        let length = normalized.unicodeScalars.count
        guard length >= Self.minLength else {
            throw DomainError.invalid("password", "The password must be at least \(Self.minLength) characters long.")
        }
        guard length <= Self.maxLength else {
            throw DomainError.invalid("password", "The password must be at most \(Self.maxLength) characters long.")
        }
        guard !CommonPasswords.contains(normalized) else {
            throw DomainError.invalid("password", "This password is one of the most common ones; choose another.")
        }
        value = normalized
    }

    /// NFKC, as NIST SP 800-63B advises, so the same password typed on different keyboards hashes the same.
    /// Login normalises the same way before verifying.
    public static func normalize(_ input: String) -> String {
        input.precomposedStringWithCompatibilityMapping
    }
}
