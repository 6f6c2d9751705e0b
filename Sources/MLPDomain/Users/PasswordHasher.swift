/// Turns passwords into slow, salted hashes and checks passwords against them.
public protocol PasswordHasher: Sendable {
    /// A new hash (PHC string) of the password with a fresh salt; may throw `DomainError.unavailable`
    /// when hashing capacity is exhausted.
    func hash(_ password: String) throws -> String
    /// Whether the password matches the stored hash, compared in constant time.
    func verify(_ password: String, against hash: String) throws -> Bool
    /// Whether the stored hash was made with other parameters than the current ones.
    func needsRehash(_ hash: String) -> Bool
}

/// Makes unguessable bearer tokens and the digest under which they are stored.
public protocol TokenGenerator: Sendable {
    /// A new random token, safe to put in a header or a cookie.
    func generate() throws -> String
    /// The digest stored instead of the token (SHA-256, 32 bytes).
    func digest(of token: String) -> [UInt8]
}
