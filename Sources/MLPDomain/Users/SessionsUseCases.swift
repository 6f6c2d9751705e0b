import Foundation

/// The open sessions of an account, for its owner: where they are logged in.
public struct ListSessionsUseCase: Sendable {
    /// The most sessions one answer lists (the most recently used); `total` still counts them all.
    public static let maxListed = 100

    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let configuration: AuthConfiguration

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, configuration: AuthConfiguration) {
        self.unitOfWork = unitOfWork
        self.clock = clock
        self.configuration = configuration
    }

    /// Open sessions of `userID` (not revoked, not expired, not idle), most recently used first.
    public func execute(userID: Int64) throws -> (sessions: [Session], total: Int) {
        let now = clock.now()
        return try unitOfWork.read { repositories in
            try repositories.sessions.listOpen(
                userID: userID, at: now, idleCutoff: now.addingTimeInterval(-configuration.idleTimeout), limit: Self.maxListed
            )
        }
    }

    /// The same for the active account `username` (administration); `notFound` when there is none.
    public func execute(username: Username) throws -> (sessions: [Session], total: Int) {
        try execute(userID: try unitOfWork.read { try $0.users.requireActive(username: username) }.id)
    }
}

/// Ends sessions of an account other than the one making the request: one of them (a lost phone, a leaked
/// token) or all of them ("log out everywhere else"). The session in use ends through logout instead, so a
/// slip in a list of sessions cannot log the user out of the page they are on.
public struct RevokeSessionsUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let configuration: AuthConfiguration

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, configuration: AuthConfiguration) {
        self.unitOfWork = unitOfWork
        self.clock = clock
        self.configuration = configuration
    }

    /// Revokes the open session `sessionID` of `userID`. `notFound` when there is no such open session of
    /// this user (another user's session is not found either); `conflict` for `currentSessionID`.
    public func execute(userID: Int64, sessionID: Int64, currentSessionID: Int64) throws {
        guard sessionID != currentSessionID else { throw DomainError.currentSession }
        let now = clock.now()
        let revoked = try unitOfWork.transaction { repositories in
            try repositories.sessions.revoke(
                id: sessionID, userID: userID, at: now, idleCutoff: now.addingTimeInterval(-configuration.idleTimeout)
            )
        }
        guard revoked else { throw DomainError.sessionNotFound }
    }

    /// Revokes every login session of `userID` except `currentSessionID` (API keys stay); how many of them were open.
    @discardableResult
    public func executeAllOthers(userID: Int64, currentSessionID: Int64) throws -> Int {
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            // The current session is open: it has just been checked.
            let open = try openCount(userID: userID, at: now, in: repositories) - 1
            // API keys stay: they have their own list, and a program should not stop because a browser was lost.
            try repositories.sessions.revokeAll(userID: userID, except: currentSessionID, keepingKeys: true, at: now)
            return max(0, open)
        }
    }

    /// Sessions that could still be used. `revokeAll` also revokes idle ones that no longer open (so a longer
    /// idle timeout set later cannot bring them back), and counting those would overstate what was ended.
    private func openCount(userID: Int64, at now: Date, in repositories: any Repositories) throws -> Int {
        try repositories.sessions.listOpen(
            userID: userID, at: now, idleCutoff: now.addingTimeInterval(-configuration.idleTimeout), limit: 0
        ).total
    }

    /// Revokes every session and API key of the active account `username` (administration: a compromised
    /// account); how many of them were open. `notFound` when there is no such account.
    @discardableResult
    public func executeAll(username: Username) throws -> Int {
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            let user = try repositories.users.requireActive(username: username)
            let keys = try repositories.sessions.listKeys(userID: user.id, at: now, limit: APIKeysUseCase.maxOpenKeys).count
            let open = try openCount(userID: user.id, at: now, in: repositories) + keys
            try repositories.sessions.revokeAll(userID: user.id, except: nil, at: now)
            return open
        }
    }
}

extension DomainError {
    /// No open session with this id among the caller's.
    public static var sessionNotFound: DomainError {
        DomainError(.notFound, "No open session with this id.")
    }

    /// The caller asked to end, from the list, the session it is using.
    public static var currentSession: DomainError {
        DomainError(.conflict, "This is the session making the request. Log out to end it.")
    }
}
