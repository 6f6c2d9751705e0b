import Foundation

/// API keys: tokens an account's owner makes for a program (a backup script, an uploader on another machine),
/// so the program never holds the password. A key is a session of its own kind (``SessionKey``): it opens the
/// same API as a login's token, has no idle timeout, ends on its expiry date, and can be limited to reading.
/// Keys are made, listed and revoked only from a login, never with a key, so a leaked key cannot make more.
public struct APIKeysUseCase: Sendable {
    /// Open keys one account may have at once.
    public static let maxOpenKeys = 20
    /// A key's lifetime in days, and the lifetime when none is asked for.
    public static let lifetimeDays = 1...365
    public static let defaultLifetimeDays = 90
    /// The longest name, in characters.
    public static let maxNameLength = 100

    let unitOfWork: any UnitOfWork
    let tokens: any TokenGenerator
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, tokens: any TokenGenerator, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.tokens = tokens
        self.clock = clock
    }

    /// A new key for `userID`; the token comes back this once (only its digest is stored). `validation` for an
    /// empty or too long name (fields `name`) or a lifetime out of range (`expires_in_days`); `conflict` when
    /// the account already has ``maxOpenKeys`` open keys.
    public func create(
        userID: Int64, name: String, lifetimeDays: Int = defaultLifetimeDays, readOnly: Bool, origin: SessionOrigin
    ) throws -> (key: Session, token: String) {
        let name = try Self.validName(name)
        guard Self.lifetimeDays.contains(lifetimeDays) else {
            throw DomainError.invalid(
                "expires_in_days", "Must be a whole number of days from \(Self.lifetimeDays.lowerBound) to \(Self.lifetimeDays.upperBound)."
            )
        }
        let token = try tokens.generate()
        let now = clock.now()
        let key = try unitOfWork.transaction { repositories in
            guard try repositories.sessions.listKeys(userID: userID, at: now, limit: Self.maxOpenKeys).count < Self.maxOpenKeys else {
                throw DomainError(.conflict, "This account already has \(Self.maxOpenKeys) API keys. Revoke one it no longer needs first.")
            }
            return try repositories.sessions.create(
                userID: userID, tokenHash: tokens.digest(of: token), createdAt: now,
                expiresAt: now.addingTimeInterval(TimeInterval(lifetimeDays) * 86_400), origin: origin,
                key: SessionKey(name: name, readOnly: readOnly)
            )
        }
        return (key, token)
    }

    /// The open keys of `userID`, newest first.
    public func list(userID: Int64) throws -> [Session] {
        let now = clock.now()
        return try unitOfWork.read { try $0.sessions.listKeys(userID: userID, at: now, limit: Self.maxOpenKeys) }
    }

    /// The same for the active account `username` (administration: `mlp users sessions`); `notFound` when there
    /// is none.
    public func list(username: Username) throws -> [Session] {
        try list(userID: try unitOfWork.read { try $0.users.requireActive(username: username) }.id)
    }

    /// Revokes the open key `keyID` of `userID`; `notFound` when there is none (another account's key, a login
    /// session's id, a key already revoked or expired).
    public func revoke(userID: Int64, keyID: Int64) throws {
        let now = clock.now()
        guard try unitOfWork.transaction({ try $0.sessions.revokeKey(id: keyID, userID: userID, at: now) }) else {
            throw DomainError.apiKeyNotFound
        }
    }

    /// The name trimmed: 1 to ``maxNameLength`` characters, no control characters.
    static func validName(_ name: String) throws -> String {
        try GivenName.validated(
            name, field: "name", maxLength: maxNameLength, emptyMessage: "Give the key a name, such as the program that will use it."
        )
    }
}

extension DomainError {
    /// No open API key with this id among the caller's.
    public static var apiKeyNotFound: DomainError {
        DomainError(.notFound, "No API key with this id.")
    }

    /// An API key presented where only a login may act (the account's password, its keys, its sessions, its
    /// deletion).
    public static var loginRequired: DomainError {
        DomainError(.forbidden, "An API key cannot do this. Log in with the account's password.")
    }

    /// A read-only API key presented for a request that would change something.
    public static var readOnlyKey: DomainError {
        DomainError(.forbidden, "This API key may only read (GET and HEAD).")
    }
}
