import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MariaDBUnitOfWorkTests {
    let database: TestDatabase
    let pool: ConnectionPool
    let unitOfWork: MariaDBUnitOfWork

    struct Abort: Error {}

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
    }

    private func insertUser(_ repositories: any Repositories, _ name: String) throws {
        let connection = try #require(repositories as? MariaDBRepositories).connection
        let now = Date()
        try connection.execute("""
            INSERT INTO users (username, password_hash, created_at, updated_at) VALUES (\(name), \("h"), \(now), \(now))
            """)
    }

    private func userCount() throws -> Int {
        try pool.withConnection { try $0.query("SELECT COUNT(*) AS n FROM users").first!.decode(Int.self, "n") }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        try unitOfWork.transaction { try insertUser($0, "a@example.org"); try insertUser($0, "b@example.org") }
        #expect(try userCount() == 2)
    }

    @Test func rollsBackEverythingWhenTheBodyThrows() throws {
        #expect(throws: Abort.self) {
            try self.unitOfWork.transaction { repositories in
                try self.insertUser(repositories, "a@example.org")
                throw Abort()
            }
        }
        #expect(try userCount() == 0)
    }

    @Test func duplicateKeyCanBecomeAConflict() throws {
        try unitOfWork.transaction { try insertUser($0, "a@example.org") }
        let error = try #require(throws: DomainError.self) {
            try self.unitOfWork.transaction { repositories in
                try DatabaseErrorMapping.translating(conflictMessage: "That username is taken.") {
                    try self.insertUser(repositories, "A@example.org")
                }
            }
        }
        #expect(error.code == .conflict)
        #expect(try userCount() == 1)
    }

    @Test func unreachableDatabaseIsUnavailable() throws {
        var configuration = database.configuration
        configuration.endpoint = .unixSocket(path: "/nonexistent/mariadb.sock")
        let down = MariaDBUnitOfWork(pool: ConnectionPool(configuration: configuration, maxConnections: 1))
        let error = try #require(throws: DomainError.self) { try down.transaction { _ in 1 } }
        #expect(error.code == .unavailable)
        #expect(error.retryAfterSeconds != nil)
    }
}
