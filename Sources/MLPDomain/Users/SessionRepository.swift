import Foundation

/// Stores login sessions by the hash of their token.
public protocol SessionRepository {
    /// Inserts a session whose `lastSeenAt` is `createdAt`.
    func create(userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin) throws -> Session
    /// The user's sessions that are not revoked, not expired at `date` and used since `idleCutoff`, most recently
    /// used first, at most `limit` of them, and how many there are in all.
    func listOpen(userID: Int64, at date: Date, idleCutoff: Date, limit: Int) throws -> (sessions: [Session], total: Int)
    /// The session with this token hash, whatever its state.
    func find(tokenHash: [UInt8]) throws -> Session?
    /// The session with this token hash, whatever its state, with its user; nil when there is no such session
    /// or its user is deleted. One lookup for the token check on every authenticated request.
    func findWithActiveUser(tokenHash: [UInt8]) throws -> (session: Session, user: User)?
    /// Records activity on the session.
    func touch(id: Int64, at date: Date) throws
    /// Revokes one session (logout); revoking twice keeps the first time.
    func revoke(id: Int64, at date: Date) throws
    /// Revokes the session `id` if it belongs to `userID` and is open at `date` (not revoked, not expired, used
    /// since `idleCutoff`); whether it did.
    func revoke(id: Int64, userID: Int64, at date: Date, idleCutoff: Date) throws -> Bool
    /// Revokes every open session of a user (account deletion), or every one but `except` (a password change
    /// keeps the session it was made from). Returns how many it revoked.
    @discardableResult
    func revokeAll(userID: Int64, except: Int64?, at date: Date) throws -> Int
    /// Deletes the user's sessions that can no longer open: expired at `date`, revoked, or idle since before
    /// `idleCutoff`. Returns how many went.
    @discardableResult
    func deleteEnded(userID: Int64, at date: Date, idleCutoff: Date) throws -> Int
}
