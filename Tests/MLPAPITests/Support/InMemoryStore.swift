import Foundation
import MLPDomain

/// The whole state of the in-memory fake database; transactions work on a copy and commit it on success.
struct InMemoryState {
    struct StoredUser {
        var user: User
        var passwordHash: String
    }

    struct Attempt {
        var accountKey: String
        var clientAddress: String
        var at: Date
    }

    var users: [Int64: StoredUser] = [:]
    var sessions: [Int64: Session] = [:]
    var attempts: [Attempt] = []
    var nextID: Int64 = 1

    mutating func makeID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }
}

/// A database stand-in shared by a test's unit of work; serialises transactions with a lock.
final class InMemoryStore: @unchecked Sendable {
    private let lock = NSLock()
    private var state = InMemoryState()

    /// Reads the committed state.
    func read<T>(_ body: (InMemoryState) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(state)
    }

    /// Runs a transaction: the body sees a copy that replaces the state only if it does not throw.
    func transaction<T>(_ body: (inout InMemoryState) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        var copy = state
        let result = try body(&copy)
        state = copy
        return result
    }
}

/// `UnitOfWork` over an `InMemoryStore`: commit on return, rollback on throw.
struct InMemoryUnitOfWork: UnitOfWork {
    let store: InMemoryStore

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try store.transaction { state in
            let repositories = InMemoryRepositories(state: state)
            let result = try body(repositories)
            state = repositories.state
            return result
        }
    }

    /// The fake has no autocommit mode: reads run as a transaction (same visible behaviour).
    func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try transaction(body)
    }
}
