/// One numbered schema change, applied once.
public struct Migration: Sendable, Equatable {
    /// Position in the sequence; applied in ascending order and recorded in `schema_migrations`.
    public var version: Int
    /// A short description, recorded with the version.
    public var name: String
    /// The statements, separated by semicolons.
    public var sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
