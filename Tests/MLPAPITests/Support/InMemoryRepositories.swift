import Foundation
import MLPDomain

/// Fake repositories over a working copy of `InMemoryState`, mirroring the MariaDB semantics.
final class InMemoryRepositories: Repositories {
    var state: InMemoryState

    init(state: InMemoryState) {
        self.state = state
    }

    var users: any UserRepository { self }
    var sessions: any SessionRepository { self }
    var loginAttempts: any LoginAttemptRepository { self }
}

extension InMemoryRepositories: UserRepository {
    func create(username: Username, passwordHash: String, at date: Date) throws -> User {
        if state.users.values.contains(where: { !$0.user.isDeleted && $0.user.username.key == username.key }) {
            throw DomainError.usernameTaken
        }
        let user = User(id: state.makeID(), username: username, createdAt: date, updatedAt: date)
        state.users[user.id] = .init(user: user, passwordHash: passwordHash)
        return user
    }

    func findActive(id: Int64) throws -> User? {
        state.users[id].flatMap { $0.user.isDeleted ? nil : $0.user }
    }

    func findActiveCredentials(username: Username) throws -> UserCredentials? {
        state.users.values.first { !$0.user.isDeleted && $0.user.username.key == username.key }
            .map { UserCredentials(user: $0.user, passwordHash: $0.passwordHash) }
    }

    func updatePasswordHash(id: Int64, passwordHash: String, at date: Date) throws {
        state.users[id]?.passwordHash = passwordHash
        state.users[id]?.user.updatedAt = date
    }

    func markDeleted(id: Int64, at date: Date) throws {
        state.users[id]?.user.isDeleted = true
        state.users[id]?.user.deletedAt = date
        state.users[id]?.user.updatedAt = date
    }

    func list(includeDeleted: Bool, afterID: Int64?, limit: Int) throws -> [User] {
        Array(state.users.values.map(\.user).filter { (includeDeleted || !$0.isDeleted) && $0.id > (afterID ?? 0) }
            .sorted { $0.id < $1.id }.prefix(limit))
    }
}

extension InMemoryRepositories: SessionRepository {
    func create(
        userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin, key: SessionKey?
    ) throws -> Session {
        let session = Session(
            id: state.makeID(), userID: userID, tokenHash: tokenHash, createdAt: createdAt, lastSeenAt: createdAt,
            expiresAt: expiresAt, origin: origin, key: key
        )
        state.sessions[session.id] = session
        return session
    }

    func find(tokenHash: [UInt8]) throws -> Session? {
        state.sessions.values.first { $0.tokenHash == tokenHash }
    }

    @discardableResult
    func deleteEnded(userID: Int64, at date: Date, idleCutoff: Date) throws -> Int {
        let ended = state.sessions.values.filter {
            $0.userID == userID && ($0.expiresAt <= date || $0.revokedAt != nil || ($0.key == nil && $0.lastSeenAt < idleCutoff))
        }
        for session in ended { state.sessions[session.id] = nil }
        return ended.count
    }

    func findWithActiveUser(tokenHash: [UInt8]) throws -> (session: Session, user: User)? {
        guard let session = try find(tokenHash: tokenHash), let user = try findActive(id: session.userID) else { return nil }
        return (session, user)
    }

    func touch(id: Int64, at date: Date) throws {
        state.sessions[id]?.lastSeenAt = date
    }

    func revoke(id: Int64, at date: Date) throws {
        if state.sessions[id]?.revokedAt == nil { state.sessions[id]?.revokedAt = date }
    }

    @discardableResult
    func revokeAll(userID: Int64, except: Int64?, keepingKeys: Bool, at date: Date) throws -> Int {
        var count = 0
        for (id, session) in state.sessions
        where session.userID == userID && id != except && session.revokedAt == nil && !(keepingKeys && session.key != nil) {
            state.sessions[id]?.revokedAt = date
            count += 1
        }
        return count
    }

    func listOpen(userID: Int64, at date: Date, idleCutoff: Date, limit: Int) throws -> (sessions: [Session], total: Int) {
        let open = state.sessions.values.filter { $0.userID == userID && $0.key == nil && isOpen($0, at: date, idleCutoff: idleCutoff) }
            .sorted { ($0.lastSeenAt, $0.id) > ($1.lastSeenAt, $1.id) }
        return (Array(open.prefix(limit)), open.count)
    }

    func listKeys(userID: Int64, at date: Date, limit: Int) throws -> [Session] {
        let open = state.sessions.values.filter { $0.userID == userID && $0.key != nil && $0.revokedAt == nil && $0.expiresAt > date }
        return Array(open.sorted { $0.id > $1.id }.prefix(limit))
    }

    func revokeKey(id: Int64, userID: Int64, at date: Date) throws -> Bool {
        guard let session = state.sessions[id], session.userID == userID, session.key != nil, session.revokedAt == nil,
              session.expiresAt > date
        else { return false }
        state.sessions[id]?.revokedAt = date
        return true
    }

    func revoke(id: Int64, userID: Int64, at date: Date, idleCutoff: Date) throws -> Bool {
        guard let session = state.sessions[id], session.userID == userID, session.key == nil,
              isOpen(session, at: date, idleCutoff: idleCutoff)
        else {
            return false
        }
        state.sessions[id]?.revokedAt = date
        return true
    }

    private func isOpen(_ session: Session, at date: Date, idleCutoff: Date) -> Bool {
        session.revokedAt == nil && session.expiresAt > date && session.lastSeenAt > idleCutoff
    }
}

extension InMemoryRepositories: LoginAttemptRepository {
    func recordFailure(accountKey: String, clientAddress: String, at date: Date) throws {
        state.attempts.append(.init(accountKey: accountKey, clientAddress: clientAddress, at: date))
    }

    func failures(accountKey: String, since: Date) throws -> LoginFailures {
        summary(state.attempts.filter { $0.accountKey == accountKey && $0.at > since })
    }

    func failures(clientAddress: String, since: Date) throws -> LoginFailures {
        summary(state.attempts.filter { $0.clientAddress == clientAddress && $0.at > since })
    }

    func reserveFailure(
        accountKey: String, clientAddress: String, at date: Date, since: Date, maxPerAccount: Int, maxPerAddress: Int
    ) throws -> LoginFailures? {
        let account = try failures(accountKey: accountKey, since: since)
        if account.count >= maxPerAccount { return account }
        let address = try failures(clientAddress: clientAddress, since: since)
        if address.count >= maxPerAddress { return address }
        try recordFailure(accountKey: accountKey, clientAddress: clientAddress, at: date)
        return nil
    }

    func cancelReservedFailure(accountKey: String, clientAddress: String, at date: Date) throws {
        if let index = state.attempts.firstIndex(where: {
            $0.accountKey == accountKey && $0.clientAddress == clientAddress && $0.at == date
        }) {
            state.attempts.remove(at: index)
        }
    }

    func clearFailures(accountKey: String) throws {
        state.attempts.removeAll { $0.accountKey == accountKey }
    }

    func deleteFailures(before date: Date) throws {
        state.attempts.removeAll { $0.at < date }
    }

    private func summary(_ attempts: [InMemoryState.Attempt]) -> LoginFailures {
        LoginFailures(count: attempts.count, oldest: attempts.map(\.at).min())
    }
}
