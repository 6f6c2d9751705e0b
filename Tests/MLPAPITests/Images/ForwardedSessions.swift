import Foundation
import MLPDomain

/// The sessions of an ``InMemoryStore``, each call in a transaction of its own: what a token check made along with
/// an image read needs (`findWithActiveUser`, `touch`); the rest belongs to the users' unit of work.
struct ForwardedSessions: SessionRepository {
    let store: InMemoryStore

    private func run<T>(_ body: (any SessionRepository) throws -> T) throws -> T {
        try InMemoryUnitOfWork(store: store).transaction { try body($0.sessions) }
    }

    func findWithActiveUser(tokenHash: [UInt8]) throws -> (session: Session, user: User)? {
        try run { try $0.findWithActiveUser(tokenHash: tokenHash) }
    }

    func touch(id: Int64, at date: Date) throws { try run { try $0.touch(id: id, at: date) } }

    private var unwired: DomainError { DomainError(.unavailable, "only the token check reaches sessions from the image store") }
    func create(
        userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin, key: SessionKey?
    ) throws -> Session { throw unwired }
    func listOpen(userID: Int64, at date: Date, idleCutoff: Date, limit: Int) throws -> (sessions: [Session], total: Int) { throw unwired }
    func listKeys(userID: Int64, at date: Date, limit: Int) throws -> [Session] { throw unwired }
    func revokeKey(id: Int64, userID: Int64, at date: Date) throws -> Bool { throw unwired }
    func find(tokenHash: [UInt8]) throws -> Session? { throw unwired }
    func revoke(id: Int64, at date: Date) throws { throw unwired }
    func revoke(id: Int64, userID: Int64, at date: Date, idleCutoff: Date) throws -> Bool { throw unwired }
    func revokeAll(userID: Int64, except: Int64?, keepingKeys: Bool, at date: Date) throws -> Int { throw unwired }
    func deleteEnded(userID: Int64, at date: Date, idleCutoff: Date) throws -> Int { throw unwired }
}
