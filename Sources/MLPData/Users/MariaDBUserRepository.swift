import Foundation
import MLPDomain
import MariaDB

/// Accounts in the `users` table. Uniqueness is enforced by the unique index on `active_username`
/// (case-insensitive collation, NULL once deleted), so a deleted account's username can be taken again.
public struct MariaDBUserRepository: UserRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    public func create(username: Username, passwordHash: String, at date: Date) throws -> User {
        do {
            let result = try connection.execute("""
                INSERT INTO users (username, password_hash, created_at, updated_at)
                VALUES (\(username.value), \(passwordHash), \(date), \(date))
                """)
            return User(id: Int64(result.lastInsertID), username: username, createdAt: date, updatedAt: date)
        } catch let error as MariaDBError where error.kind == .duplicateKey {
            throw DomainError.usernameTaken
        }
    }

    public func findActive(id: Int64) throws -> User? {
        try connection.query("""
            SELECT id, username, created_at, updated_at, is_deleted, deleted_at
            FROM users WHERE id = \(id) AND is_deleted = FALSE
            """).first.map(Self.user)
    }

    public func findActiveCredentials(username: Username) throws -> UserCredentials? {
        try connection.query("""
            SELECT id, username, created_at, updated_at, is_deleted, deleted_at, password_hash
            FROM users WHERE active_username = \(username.value)
            """).first.map { row in
            UserCredentials(user: try Self.user(row), passwordHash: try row.decode(String.self, "password_hash"))
        }
    }

    public func updatePasswordHash(id: Int64, passwordHash: String, at date: Date) throws {
        try connection.execute("UPDATE users SET password_hash = \(passwordHash), updated_at = \(date) WHERE id = \(id)")
    }

    public func markDeleted(id: Int64, at date: Date) throws {
        try connection.execute("""
            UPDATE users SET is_deleted = TRUE, deleted_at = \(date), updated_at = \(date)
            WHERE id = \(id) AND is_deleted = FALSE
            """)
    }

    public func list(includeDeleted: Bool, afterID: Int64?, limit: Int) throws -> [User] {
        let after = afterID ?? 0
        let rows = if includeDeleted {
            try connection.query("""
                SELECT id, username, created_at, updated_at, is_deleted, deleted_at
                FROM users WHERE id > \(after) ORDER BY id LIMIT \(limit)
                """)
        } else {
            try connection.query("""
                SELECT id, username, created_at, updated_at, is_deleted, deleted_at
                FROM users WHERE id > \(after) AND is_deleted = FALSE ORDER BY id LIMIT \(limit)
                """)
        }
        return try rows.map(Self.user)
    }

    /// Maps a selected account row (the password hash is read only where login needs it).
    static func user(_ row: Row) throws -> User {
        try user(row, prefix: "")
    }

    /// A user from columns named with `prefix`.
    static func user(_ row: Row, prefix: String) throws -> User {
        User(
            id: try row.decode(Int64.self, prefix + "id"),
            username: Username(normalized: try row.decode(String.self, prefix + "username")),
            createdAt: try row.decode(Date.self, prefix + "created_at"),
            updatedAt: try row.decode(Date.self, prefix + "updated_at"),
            isDeleted: try row.decode(Bool.self, prefix + "is_deleted"),
            deletedAt: try row.decode(Date?.self, prefix + "deleted_at")
        )
    }
}
