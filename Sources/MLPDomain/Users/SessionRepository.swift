import Foundation

/// Stores login sessions and API keys (sessions with a ``SessionKey``) by the hash of their token.
public protocol SessionRepository {
    /// Inserts a session whose `lastSeenAt` is `createdAt`; with `key`, an API key.
    func create(
        userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin, key: SessionKey?
    ) throws -> Session
    /// The user's login sessions (not API keys) that are not revoked, not expired at `date` and used since
    /// `idleCutoff`, most recently used first, at most `limit` of them, and how many there are in all.
    func listOpen(userID: Int64, at date: Date, idleCutoff: Date, limit: Int) throws -> (sessions: [Session], total: Int)
    /// The user's API keys that are not revoked and not expired at `date`, newest first, at most `limit`.
    func listKeys(userID: Int64, at date: Date, limit: Int) throws -> [Session]
    /// Revokes the user's API key `id` if it is open at `date`; whether it did.
    func revokeKey(id: Int64, userID: Int64, at date: Date) throws -> Bool
    /// The session with this token hash, whatever its state.
    func find(tokenHash: [UInt8]) throws -> Session?
    /// The session with this token hash, whatever its state, with its user; nil when there is no such session
    /// or its user is deleted. One lookup for the token check on every authenticated request.
    func findWithActiveUser(tokenHash: [UInt8]) throws -> (session: Session, user: User)?
    /// Records activity on the session.
    func touch(id: Int64, at date: Date) throws
    /// Revokes one session (logout); revoking twice keeps the first time.
    func revoke(id: Int64, at date: Date) throws
    /// Revokes the login session `id` (not an API key) if it belongs to `userID` and is open at `date` (not
    /// revoked, not expired, used since `idleCutoff`); whether it did.
    func revoke(id: Int64, userID: Int64, at date: Date, idleCutoff: Date) throws -> Bool
    /// Revokes every session of a user, API keys included (account deletion, a password change), or every one
    /// but `except` (a password change keeps the session it was made from); with `keepingKeys`, only logins
    /// ("log out everywhere else"). Returns how many it revoked.
    @discardableResult
    func revokeAll(userID: Int64, except: Int64?, keepingKeys: Bool, at date: Date) throws -> Int
    /// Deletes the user's sessions that can no longer open: expired at `date`, revoked, or logins idle since
    /// before `idleCutoff`. Returns how many went.
    @discardableResult
    func deleteEnded(userID: Int64, at date: Date, idleCutoff: Date) throws -> Int
}

extension SessionRepository {
    /// A login session.
    public func create(userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin) throws -> Session {
        try create(userID: userID, tokenHash: tokenHash, createdAt: createdAt, expiresAt: expiresAt, origin: origin, key: nil)
    }

    /// Every session of the user, API keys included, but `except`.
    @discardableResult
    public func revokeAll(userID: Int64, except: Int64?, at date: Date) throws -> Int {
        try revokeAll(userID: userID, except: except, keepingKeys: false, at: date)
    }
}
