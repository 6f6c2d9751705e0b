import Foundation

/// Applies numbered migrations in order, each once, recording them in `schema_migrations`.
///
/// Safe when several processes migrate the same database at once: a named server lock
/// (`GET_LOCK`, one per database) admits one migrator at a time, and each re-reads what is applied.
public struct Migrator: Sendable {
    /// The migrations in ascending version order.
    public let migrations: [Migration]
    /// Seconds to wait for another migrator to finish.
    public let lockTimeout: Int

    static let lockPrefix = "mlp_migrations"

    /// Creates a migrator; versions must be unique and ascending.
    public init(migrations: [Migration], lockTimeout: Int = 60) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migration versions must be unique and ascending")
        self.migrations = migrations
        self.lockTimeout = lockTimeout
    }

    /// Applies every pending migration and returns those applied by this call.
    @discardableResult
    public func migrate(on connection: Connection) throws -> [Migration] {
        try acquireLock(on: connection)
        let generation = connection.reconnectCount
        defer { releaseLock(on: connection, generation: generation) }
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT NOT NULL PRIMARY KEY,
                name VARCHAR(255) NOT NULL,
                applied_at DATETIME(6) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """)
        let applied = try appliedVersions(on: connection)
        var appliedNow: [Migration] = []
        for migration in migrations where !applied.contains(migration.version) {
            // DDL commits implicitly, so a migration is recorded right after its statements succeed.
            try connection.executeScript(unsafeSQL: migration.sql)
            guard connection.reconnectCount == generation else {
                throw MariaDBError(
                    kind: .connectionLost, code: 0,
                    message: "the connection was replaced during migration \(migration.version); run migrate again")
            }
            try connection.execute("""
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(migration.version), \(migration.name), \(Date()))
                """)
            appliedNow.append(migration)
        }
        return appliedNow
    }

    /// Versions recorded in `schema_migrations`; empty when the table does not exist yet.
    public func appliedVersions(on connection: Connection) throws -> Set<Int> {
        do {
            let rows = try connection.query("SELECT version FROM schema_migrations")
            return Set(try rows.map { try $0.decode(Int.self, "version") })
        } catch let error as MariaDBError where error.code == 1146 {
            return []
        }
    }

    /// How many known migrations are not applied yet.
    public func pendingCount(on connection: Connection) throws -> Int {
        let applied = try appliedVersions(on: connection)
        return migrations.filter { !applied.contains($0.version) }.count
    }

    /// True when every known migration is applied (readiness).
    public func isCurrent(on connection: Connection) throws -> Bool {
        try pendingCount(on: connection) == 0
    }

    private func acquireLock(on connection: Connection) throws {
        let rows = try connection.query("""
            SELECT GET_LOCK(LEFT(CONCAT(\(Self.lockPrefix), '.', DATABASE()), 64), \(lockTimeout)) AS granted
            """)
        guard let granted = try rows.first?.decode(Int?.self, "granted"), granted == 1 else {
            throw MariaDBError(
                kind: .lockWaitTimeout, code: 0,
                message: "another migrator held the migration lock for more than \(lockTimeout) s")
        }
    }

    private func releaseLock(on connection: Connection, generation: Int) {
        // A replaced session lost the lock with it; there is nothing to release then.
        guard connection.reconnectCount == generation else { return }
        _ = try? connection.query("SELECT RELEASE_LOCK(LEFT(CONCAT(\(Self.lockPrefix), '.', DATABASE()), 64))")
    }
}
