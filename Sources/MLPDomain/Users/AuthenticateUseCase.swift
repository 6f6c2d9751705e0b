import Foundation

/// Resolves a bearer token to its user and session.
///
/// Unknown, revoked, expired (absolute lifetime) and idle sessions, and sessions of deleted users, all give
/// the same `unauthorized` error. Activity is recorded at most once per `lastSeenResolution` per session.
public struct AuthenticateUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let tokens: any TokenGenerator
    let clock: any WallClock
    let configuration: AuthConfiguration

    public init(unitOfWork: any UnitOfWork, tokens: any TokenGenerator, clock: any WallClock, configuration: AuthConfiguration) {
        self.unitOfWork = unitOfWork
        self.tokens = tokens
        self.clock = clock
        self.configuration = configuration
    }

    /// The caller's user and session, or `unauthorized`.
    public func execute(token: String) throws -> AuthenticatedSession {
        try execute(token: token) { tokenHash, repositories in
            try repositories.sessions.findWithActiveUser(tokenHash: tokenHash).map { ($0.session, $0.user, ()) }
        }.session
    }

    /// ``execute(token:)`` with something else read in the same step: `lookup` reads the session the token's
    /// hash opens, its user (nil when there is none or the user is deleted) and a value, and that value comes
    /// back only when the session passes the same checks. So a use case can check the token and read its data
    /// in one statement (`Repositories.sessionWithImage`), on its own unit of work (`on`) or this one's.
    public func execute<Value>(
        token: String, on unitOfWork: (any UnitOfWork)? = nil,
        readingAlong lookup: (_ tokenHash: [UInt8], _ repositories: any Repositories) throws -> (Session, User, Value)?
    ) throws -> (session: AuthenticatedSession, value: Value) {
        let digest = tokens.digest(of: token)
        let now = clock.now()
        // One statement for the lookup (and, at most once per resolution, one for the activity stamp): no
        // transaction needed, which saves two round trips on every authenticated request.
        return try (unitOfWork ?? self.unitOfWork).read { repositories in
            guard let (session, user, value) = try lookup(digest, repositories),
                  session.isOpen(at: now, idleTimeout: configuration.idleTimeout)
            else {
                throw DomainError.invalidToken
            }
            if now >= session.lastSeenAt.addingTimeInterval(configuration.lastSeenResolution) {
                // Best effort: a database that refuses writes (read-only, disk full) must not refuse reads, and a
                // stamp lost to a dropped connection is simply made again by the next request.
                try? repositories.sessions.touch(id: session.id, at: now)
            }
            return (AuthenticatedSession(user: user, sessionID: session.id, expiresAt: session.expiresAt, key: session.key), value)
        }
    }
}

extension DomainError {
    /// The presented token does not (or no longer) open a session.
    public static var invalidToken: DomainError {
        DomainError(.unauthorized, "The access token is invalid or has expired.")
    }
}
