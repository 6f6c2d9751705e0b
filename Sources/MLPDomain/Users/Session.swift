import Foundation

/// A login session: the server keeps only the SHA-256 of the bearer token, never the token itself.
public struct Session: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    /// SHA-256 of the token (32 bytes).
    public var tokenHash: [UInt8]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Absolute end of the session, however active it is.
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64, userID: Int64, tokenHash: [UInt8], createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// The outcome of a successful token check: who is calling, through which session.
public struct AuthenticatedSession: Equatable, Sendable {
    public var user: User
    public var sessionID: Int64
    public var expiresAt: Date

    public init(user: User, sessionID: Int64, expiresAt: Date) {
        self.user = user
        self.sessionID = sessionID
        self.expiresAt = expiresAt
    }
}
