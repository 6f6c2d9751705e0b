import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MigratorTests {
    let database: TestDatabase
    let migrations = [
        Migration(version: 1, name: "create a", sql: "CREATE TABLE a (id INT PRIMARY KEY); DO SLEEP(0.3)"),
        Migration(version: 2, name: "add column", sql: "ALTER TABLE a ADD COLUMN note VARCHAR(20) NULL"),
    ]

    init() throws {
        database = try TestDatabase()
    }

    private func recorded(_ connection: Connection) throws -> [Int] {
        try connection.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode(Int.self, "version") }
    }

    @Test func appliesInOrderOnceAndIsIdempotent() throws {
        let connection = try database.connect()
        let migrator = Migrator(migrations: migrations)
        #expect(try migrator.pendingCount(on: connection) == 2)
        #expect(try migrator.isCurrent(on: connection) == false)
        #expect(try migrator.migrate(on: connection).map(\.version) == [1, 2])
        #expect(try migrator.migrate(on: connection).isEmpty)
        #expect(try recorded(connection) == [1, 2])
        #expect(try migrator.isCurrent(on: connection))
        try connection.execute("INSERT INTO a (id, note) VALUES (\(1), \("works"))")
    }

    @Test func newMigrationIsPendingUntilApplied() throws {
        let connection = try database.connect()
        try Migrator(migrations: Array(migrations.prefix(1))).migrate(on: connection)
        let migrator = Migrator(migrations: migrations)
        #expect(try migrator.pendingCount(on: connection) == 1)
        #expect(try migrator.migrate(on: connection).map(\.version) == [2])
    }

    @Test func twoMigratorsAtOnceApplyEachMigrationOnce() throws {
        let configuration = database.configuration
        let migrations = self.migrations
        let appliedCount = Counter()
        let start = DispatchSemaphore(value: 0)
        try runOnThreads((0..<2).map { _ in {
            let connection = try Connection(configuration: configuration)
            start.wait()
            let applied = try Migrator(migrations: migrations).migrate(on: connection)
            for _ in applied { appliedCount.increment() }
        } } + [{ start.signal(); start.signal() }])
        #expect(appliedCount.current == 2)
        #expect(try recorded(try database.connect()) == [1, 2])
    }

    @Test func failedMigrationIsNotRecordedAndStopsTheRun() throws {
        let connection = try database.connect()
        let broken = [migrations[0], Migration(version: 2, name: "broken", sql: "ALTER TABLE missing ADD x INT")]
        #expect(throws: MariaDBError.self) { try Migrator(migrations: broken).migrate(on: connection) }
        #expect(try recorded(connection) == [1])
        // The lock was released: another run proceeds.
        #expect(try Migrator(migrations: migrations).migrate(on: connection).map(\.version) == [2])
    }
}
