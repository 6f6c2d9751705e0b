import MLPDomain
import MariaDB

/// A ``UnitOfWork`` over a ``ConnectionPool``: each call borrows a connection and runs one transaction on it.
///
/// Deadlocks, lock wait timeouts and sessions lost before COMMIT re-run the body (up to `maxAttempts`),
/// so use cases must keep side effects outside the database out of it. Connection trouble surfaces as
/// `DomainError(.unavailable)`.
public struct MariaDBUnitOfWork: UnitOfWork {
    /// The pool transactions borrow from.
    public let pool: ConnectionPool
    /// How many times a transaction may run in all when it hits a deadlock or a lost session.
    public let maxAttempts: Int

    /// Creates a unit of work over `pool`.
    public init(pool: ConnectionPool, maxAttempts: Int = 3) {
        self.pool = pool
        self.maxAttempts = maxAttempts
    }

    public func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try DatabaseErrorMapping.translating {
            try pool.withConnection { connection in
                try connection.withTransaction(maxAttempts: maxAttempts) { connection in
                    try body(MariaDBRepositories(connection: connection))
                }
            }
        }
    }

    public func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try DatabaseErrorMapping.translating {
            try pool.withConnection { connection in
                try body(MariaDBRepositories(connection: connection))
            }
        }
    }
}
