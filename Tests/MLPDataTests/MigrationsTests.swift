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
        #expect(afterFirst == ["images", "login_attempts", "models", "predictions", "schema_migrations", "sessions", "users"])
        #expect(try MLPMigrations.migrator.migrate(on: connection).isEmpty)
        #expect(try tables() == afterFirst)
        let status = try DatabaseStatus.check(on: connection)
        #expect(status.isReady)
        #expect(status.appliedVersions == MLPMigrations.all.map(\.version))
        #expect(status.serverVersion.contains("MariaDB"))
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
