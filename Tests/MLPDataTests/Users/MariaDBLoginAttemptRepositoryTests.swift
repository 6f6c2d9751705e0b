import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MariaDBLoginAttemptRepositoryTests {
    let database: TestDatabase
    let unitOfWork: MariaDBUnitOfWork
    let pool: ConnectionPool
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
    }

    private func fail(_ account: String, _ address: String, at offset: TimeInterval) throws {
        let date = start.addingTimeInterval(offset)
        try unitOfWork.transaction { try $0.loginAttempts.recordFailure(accountKey: account, clientAddress: address, at: date) }
    }

    private func count(account: String, since offset: TimeInterval) throws -> LoginFailures {
        let since = start.addingTimeInterval(offset)
        return try unitOfWork.transaction { try $0.loginAttempts.failures(accountKey: account, since: since) }
    }

    @Test func countsPerAccountAndPerAddressInsideTheWindow() throws {
        try fail("alice@example.com", "192.0.2.1", at: 0)
        try fail("alice@example.com", "192.0.2.2", at: 10)
        try fail("bob@example.com", "192.0.2.1", at: 20)
        #expect(try count(account: "alice@example.com", since: -1) == LoginFailures(count: 2, oldest: start))
        #expect(try count(account: "alice@example.com", since: 0) == LoginFailures(count: 1, oldest: start.addingTimeInterval(10)))
        #expect(try count(account: "carol@example.com", since: -1) == LoginFailures(count: 0, oldest: nil))
        let since = start.addingTimeInterval(-1)
        let perAddress = try unitOfWork.transaction { try $0.loginAttempts.failures(clientAddress: "192.0.2.1", since: since) }
        #expect(perAddress.count == 2)
    }

    @Test func clearingAnAccountKeepsTheAddressCount() throws {
        try fail("alice@example.com", "192.0.2.1", at: 0)
        try unitOfWork.transaction { try $0.loginAttempts.clearFailures(accountKey: "alice@example.com") }
        #expect(try count(account: "alice@example.com", since: -1).count == 0)
        let since = start.addingTimeInterval(-1)
        #expect(try unitOfWork.transaction { try $0.loginAttempts.failures(clientAddress: "192.0.2.1", since: since) }.count == 1)
    }

    @Test func pruningRemovesOldRows() throws {
        try fail("alice@example.com", "192.0.2.1", at: 0)
        try fail("alice@example.com", "192.0.2.1", at: 1000)
        let cutoff = start.addingTimeInterval(500)
        try unitOfWork.transaction { try $0.loginAttempts.deleteFailures(before: cutoff) }
        #expect(try count(account: "alice@example.com", since: -1).count == 1)
    }

    @Test func veryLongKeysStillCountSeparately() throws {
        let long = String(repeating: "x", count: 300)
        try fail(long, "192.0.2.1", at: 0)
        try fail(long + "y", "192.0.2.1", at: 0)
        #expect(try count(account: long, since: -1).count == 1)
    }
}
