import MLPDomain

/// Session tokens: 32 bytes from OpenSSL's CSPRNG as base64url (43 characters); stored as their SHA-256.
public struct OpenSSLTokenGenerator: TokenGenerator {
    /// Random bytes per token (256 bits).
    public static let byteCount = 32

    public init() {}

    public func generate() throws -> String {
        Base64URL.encode(try SecureRandom.bytes(Self.byteCount))
    }

    public func digest(of token: String) -> [UInt8] {
        SHA256Digest.hash(Array(token.utf8))
    }
}
