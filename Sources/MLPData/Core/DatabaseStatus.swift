import MariaDB

/// What `mlp db-check` and readiness probes report about the database.
public struct DatabaseStatus: Sendable, Equatable {
    /// The server's version string.
    public var serverVersion: String
    /// Migration versions recorded as applied.
    public var appliedVersions: [Int]
    /// Known migrations not applied yet.
    public var pending: [Migration]

    /// True when the server answered and every known migration is applied.
    public var isReady: Bool { pending.isEmpty }

    /// Asks the server behind `connection` for its version and migration state.
    public static func check(on connection: Connection, migrator: Migrator = MLPMigrations.migrator) throws -> DatabaseStatus {
        try connection.ping()
        let applied = try migrator.appliedVersions(on: connection)
        return DatabaseStatus(
            serverVersion: connection.serverVersion,
            appliedVersions: applied.sorted(),
            pending: migrator.migrations.filter { !applied.contains($0.version) })
    }

    /// Like ``check(on:migrator:)`` on a pooled connection.
    public static func check(pool: ConnectionPool, migrator: Migrator = MLPMigrations.migrator) throws -> DatabaseStatus {
        try pool.withConnection { try check(on: $0, migrator: migrator) }
    }
}
