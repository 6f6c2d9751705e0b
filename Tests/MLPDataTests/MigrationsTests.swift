import Foundation
import MLPData
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MigrationsTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
    }

    private func tables() throws -> [String] {
        try connection.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")
            .map { try $0.decode(String.self, "name") }
    }

    @Test func migratingTwiceChangesNothingTheSecondTime() throws {
        #expect(try DatabaseStatus.check(on: connection).pending.count == MLPMigrations.all.count)
        #expect(try MLPMigrations.migrator.migrate(on: connection).count == MLPMigrations.all.count)
        let afterFirst = try tables()
        #expect(afterFirst == ["albums", "album_images", "album_shares", "images", "image_shares", "login_attempts", "models", "predictions", "schema_migrations", "sessions", "users"])
        #expect(try MLPMigrations.migrator.migrate(on: connection).isEmpty)
        #expect(try tables() == afterFirst)
        let status = try DatabaseStatus.check(on: connection)
        #expect(status.isReady)
        #expect(status.appliedVersions == MLPMigrations.all.map(\.version))
        #expect(status.serverVersion.contains("MariaDB"))
    }

    @Test func historyCountsAreFilledInForImagesStoredBeforeMigration3() throws {
        try Migrator(migrations: MLPMigrations.all.filter { $0.version < 3 }).migrate(on: connection)
        try connection.executeScript(unsafeSQL: """
            INSERT INTO users (id, username, password_hash, created_at, updated_at) VALUES (1, 'a@example.org', 'x', NOW(6), NOW(6));
            INSERT INTO models (id, name, version, sha256, task, created_at) VALUES (1, 'm', '1', REPEAT('0', 64), 'classification', NOW(6));
            INSERT INTO images (id, user_id, content_type, byte_size, width, height, sha256, created_at, updated_at)
            VALUES (1, 1, 'image/jpeg', 1, 1, 1, REPEAT('a', 64), NOW(6), NOW(6)), (2, 1, 'image/jpeg', 1, 1, 1, REPEAT('b', 64), NOW(6), NOW(6));
            INSERT INTO predictions (image_id, model_id, `rank`, class_index, label, score, is_current, created_at)
            VALUES (1, 1, 1, 0, 'a', 1, TRUE, NOW(6)), (1, 1, 1, 0, 'a', 1, FALSE, NOW(6)), (1, 1, 2, 0, 'b', 0, FALSE, NOW(6)),
                   (2, 1, 1, 0, 'a', 1, TRUE, NOW(6))
            """)
        #expect(try MLPMigrations.migrator.migrate(on: connection).map(\.version) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
        let counts = try connection.query("SELECT id, history_count FROM images ORDER BY id").map { try $0.decode(Int.self, "history_count") }
        #expect(counts == [2, 0])
    }

    @Test func storedBytesAreFilledInForAccountsBeforeMigration4() throws {
        try Migrator(migrations: MLPMigrations.all.filter { $0.version < 4 }).migrate(on: connection)
        try connection.executeScript(unsafeSQL: """
            INSERT INTO users (id, username, password_hash, created_at, updated_at) VALUES
                (1, 'a@example.org', 'x', NOW(6), NOW(6)), (2, 'b@example.org', 'x', NOW(6), NOW(6)), (3, 'c@example.org', 'x', NOW(6), NOW(6));
            INSERT INTO images (user_id, content_type, byte_size, width, height, sha256, created_at, updated_at, is_deleted) VALUES
                (1, 'image/jpeg', 1000, 1, 1, REPEAT('a', 64), NOW(6), NOW(6), FALSE),
                (1, 'image/jpeg', 234, 1, 1, REPEAT('b', 64), NOW(6), NOW(6), FALSE),
                (1, 'image/jpeg', 5000, 1, 1, REPEAT('c', 64), NOW(6), NOW(6), TRUE),
                (2, 'image/png', 70, 1, 1, REPEAT('d', 64), NOW(6), NOW(6), FALSE)
            """)
        #expect(try MLPMigrations.migrator.migrate(on: connection).map(\.version) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
        let totals = try connection.query("SELECT stored_bytes FROM users ORDER BY id").map { try $0.decode(Int.self, "stored_bytes") }
        #expect(totals == [1234, 70, 0])
    }

    @Test func sessionsOpenedBeforeMigration5HaveNoOriginAndStayOpen() throws {
        try Migrator(migrations: MLPMigrations.all.filter { $0.version < 5 }).migrate(on: connection)
        try connection.executeScript(unsafeSQL: """
            INSERT INTO users (id, username, password_hash, created_at, updated_at) VALUES (1, 'a@example.org', 'x', NOW(6), NOW(6));
            INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
            VALUES (7, 1, UNHEX(REPEAT('ab', 32)), NOW(6), NOW(6), NOW(6) + INTERVAL 1 DAY)
            """)
        #expect(try MLPMigrations.migrator.migrate(on: connection).map(\.version) == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
        let rows = try connection.query("SELECT id, user_agent, client_address, revoked_at FROM sessions")
        #expect(rows.count == 1)
        #expect(try rows.first?.decode(String?.self, "user_agent") == nil)
        #expect(try rows.first?.decode(String?.self, "client_address") == nil)
        #expect(try rows.first?.decode(Date?.self, "revoked_at") == nil)
    }

    @Test func imagesOfEarlierVersionsCanBeSharedAndRemovingARowRemovesItsLink() throws {
        try Migrator(migrations: MLPMigrations.all.filter { $0.version < 6 }).migrate(on: connection)
        try connection.executeScript(unsafeSQL: """
            INSERT INTO users (id, username, password_hash, created_at, updated_at) VALUES (1, 'a@example.org', 'x', NOW(6), NOW(6));
            INSERT INTO images (id, user_id, content_type, byte_size, width, height, sha256, created_at, updated_at)
            VALUES (1, 1, 'image/jpeg', 1, 1, 1, REPEAT('a', 64), NOW(6), NOW(6))
            """)
        #expect(try MLPMigrations.migrator.migrate(on: connection).map(\.version) == [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
        try connection.execute("INSERT INTO image_shares (image_id, token, created_at) VALUES (1, REPEAT('t', 43), NOW(6))")
        // One link per image, and a token names one image.
        #expect(throws: MariaDBError.self) {
            try self.connection.execute("INSERT INTO image_shares (image_id, token, created_at) VALUES (1, REPEAT('u', 43), NOW(6))")
        }
        // Tokens compare byte for byte: base64url is case-sensitive.
        #expect(try connection.query("SELECT image_id FROM image_shares WHERE token = REPEAT('T', 43)").isEmpty)
        try connection.execute("DELETE FROM images WHERE id = 1")
        #expect(try connection.query("SELECT image_id FROM image_shares").isEmpty)
    }

    @Test func twoProcessesMigratingAtOnceApplyOnce() throws {
        let configuration = database.configuration
        let applied = Counter()
        let go = DispatchSemaphore(value: 0)
        try runOnThreads([
            { let c = try Connection(configuration: configuration); go.wait(); applied.increment(by: try MLPMigrations.migrator.migrate(on: c).count) },
            { let c = try Connection(configuration: configuration); go.wait(); applied.increment(by: try MLPMigrations.migrator.migrate(on: c).count) },
            { go.signal(); go.signal() },
        ])
        #expect(applied.current == MLPMigrations.all.count)
        let rows = try connection.query("SELECT COUNT(*) AS n FROM schema_migrations")
        #expect(try rows.first?.decode(Int.self, "n") == MLPMigrations.all.count)
    }
}
