import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// A server that refuses writes (read_only, disk full) answers with MariaDB's own error numbers. Switching
/// read_only on globally would disturb every other test on the server, so a trigger of this test's own
/// database raises the same errors with SIGNAL, and the real statements run into them.
@Suite final class WriteRefusalTests {
    let database: TestDatabase
    let pool: ConnectionPool
    let unitOfWork: MariaDBUnitOfWork

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
    }

    /// Makes every INSERT into `users` fail with `code` and `message`, as the server would.
    private func refuseUserInserts(code: Int, message: String) throws {
        try pool.withConnection { connection in
            try connection.executeScript(unsafeSQL: """
                CREATE TRIGGER refuse_writes BEFORE INSERT ON users FOR EACH ROW
                SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = \(code), MESSAGE_TEXT = '\(message)'
                """)
        }
    }

    private func insertUser() throws {
        try unitOfWork.transaction { repositories in
            let connection = try #require(repositories as? MariaDBRepositories).connection
            let now = Date()
            try connection.execute("""
                INSERT INTO users (username, password_hash, created_at, updated_at)
                VALUES (\("a@example.org"), \("h"), \(now), \(now))
                """)
        }
    }

    private func userCount() throws -> Int {
        try pool.withConnection { try $0.query("SELECT COUNT(*) AS n FROM users").first!.decode(Int.self, "n") }
    }

    @Test(arguments: [
        (1290, "The MariaDB server is running with the --read-only option so it cannot execute this statement"),
        (1836, "Running in read-only mode"),
        (1021, "Disk full (./mlp/users.ibd); waiting for someone to free some space..."),
        (1114, "The table users is full"),
        (1030, "Got error 28 \"No space left on device\" from storage engine InnoDB"),
        (3, "Error writing file ./mlp/users.ibd (Errcode: 28 \"No space left on device\")"),
    ])
    func refusedWriteIsUnavailableWithRetryAfter(code: Int, message: String) throws {
        try refuseUserInserts(code: code, message: message)
        let error = try #require(throws: DomainError.self) { try self.insertUser() }
        #expect(error.code == .unavailable)
        #expect(error.retryAfterSeconds == DatabaseErrorMapping.retryAfterSeconds)
        #expect(try userCount() == 0)
    }

    @Test func otherEngineErrorsAreNotMistakenForAFullDisk() throws {
        try refuseUserInserts(code: 1030, message: "Got error 168 \"Unknown (generic) error from engine\" from storage engine InnoDB")
        let error = try #require(throws: MariaDBError.self) { try self.insertUser() }
        #expect(error.kind == .other)
    }

    @Test func readsStillWorkWhileWritesAreRefused() throws {
        try refuseUserInserts(code: 1290, message: "read-only")
        #expect(throws: DomainError.self) { try self.insertUser() }
        let count = try unitOfWork.transaction { repositories in
            try #require(repositories as? MariaDBRepositories).connection
                .query("SELECT COUNT(*) AS n FROM users").first!.decode(Int.self, "n")
        }
        #expect(count == 0)
    }

    @Test func aSessionStillAuthenticatesWhenItsActivityCannotBeRecorded() throws {
        let hasher = Argon2PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1024, iterations: 1))
        let tokens = OpenSSLTokenGenerator()
        // Every use of the token is due for a last_seen_at write.
        let configuration = AuthConfiguration(lastSeenResolution: 0)
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: SystemClock())
            .execute(username: "ivan@example.com", password: "a good passphrase")
        let login = try LoginUseCase(
            unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: configuration
        ).execute(username: "ivan@example.com", password: "a good passphrase", clientAddress: "192.0.2.12")
        try pool.withConnection { connection in
            try connection.executeScript(unsafeSQL: """
                CREATE TRIGGER refuse_touch BEFORE UPDATE ON sessions FOR EACH ROW
                SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1290, MESSAGE_TEXT = 'read-only'
                """)
        }
        let session = try AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: SystemClock(), configuration: configuration)
            .execute(token: login.token)
        #expect(session.user.username.value == "ivan@example.com")
    }
}
