import Foundation
import MLPData
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class SchemaTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
        try MLPMigrations.migrator.migrate(on: connection)
    }

    @discardableResult
    private func addUser(_ username: String) throws -> UInt64 {
        let now = Date()
        return try connection.execute("""
            INSERT INTO users (username, password_hash, created_at, updated_at)
            VALUES (\(username), \("$argon2id$placeholder"), \(now), \(now))
            """).lastInsertID
    }

    @Test func usernamesAreUniqueIgnoringCase() throws {
        try addUser("ann@example.org")
        let error = try #require(throws: MariaDBError.self) { try self.addUser("ANN@Example.org") }
        #expect(error.kind == .duplicateKey)
        #expect(error.code == 1062)
    }

    @Test func accentsMakeDifferentUsernames() throws {
        try addUser("jose@example.org")
        try addUser("josé@example.org")
        #expect(try connection.query("SELECT id FROM users").count == 2)
    }

    @Test func deletedUsersNameCanBeTakenAgain() throws {
        let id = try addUser("bob@example.org")
        try connection.execute("UPDATE users SET is_deleted = TRUE, deleted_at = \(Date()) WHERE id = \(id)")
        let second = try addUser("bob@example.org")
        #expect(second != id)
        #expect(throws: MariaDBError.self) { try self.addUser("bob@example.org") }
    }

    @Test func sessionTokensAreUniqueAndFollowTheirUser() throws {
        let user = try addUser("carol@example.org")
        let token = [UInt8](repeating: 7, count: 32)
        let now = Date()
        let insert: SQLQuery = """
            INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, expires_at)
            VALUES (\(user), \(token), \(now), \(now), \(now.addingTimeInterval(3600)))
            """
        try connection.execute(insert)
        let error = try #require(throws: MariaDBError.self) { try self.connection.execute(insert) }
        #expect(error.kind == .duplicateKey)
        let found = try connection.query("SELECT user_id FROM sessions WHERE token_hash = \(token)")
        #expect(try found.first?.decode(UInt64.self, "user_id") == user)
        try connection.execute("DELETE FROM users WHERE id = \(user)")
        #expect(try connection.query("SELECT id FROM sessions").isEmpty)
    }
}
