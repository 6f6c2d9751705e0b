import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class ConnectionPoolTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    @Test func reusesAnIdleConnection() throws {
        let pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        let first = try pool.withConnection { $0.connectionID }
        let second = try pool.withConnection { $0.connectionID }
        #expect(first == second)
        #expect(pool.openConnections == 1)
    }

    @Test func waitTimesOutWithATypedError() throws {
        let pool = ConnectionPool(configuration: database.configuration, maxConnections: 1, waitTimeout: .milliseconds(200))
        let borrowed = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { done.signal() }
            _ = try? pool.withConnection { connection in
                borrowed.signal()
                Thread.sleep(forTimeInterval: 1.0)
            }
        }.start()
        borrowed.wait()
        let started = Date()
        let error = try #require(throws: MariaDBError.self) { try pool.withConnection { _ in } }
        let waited = Date().timeIntervalSince(started)
        #expect(error.kind == .poolTimeout)
        #expect(waited >= 0.19 && waited < 0.9)
        done.wait()
        // Once the holder is done, the connection is available again.
        #expect(try pool.withConnection { try $0.query("SELECT 1 AS one").count } == 1)
    }

    @Test func neverOpensMoreThanTheBound() throws {
        let pool = ConnectionPool(configuration: database.configuration, maxConnections: 2, waitTimeout: .seconds(10))
        let inUse = Counter()
        let peak = Counter()
        try runOnThreads((0..<6).map { _ in {
            for _ in 0..<20 {
                try pool.withConnection { connection in
                    let now = inUse.increment()
                    while peak.current < now { peak.increment() }
                    _ = try connection.query("SELECT SLEEP(0.005) AS s")
                    _ = inUse.decrement()
                }
            }
        } })
        #expect(pool.openConnections == 2)
        #expect(peak.current <= 2)
    }

    @Test func unreachableServerFailsWithoutConsumingASlot() throws {
        var configuration = database.configuration
        configuration.endpoint = .unixSocket(path: "/nonexistent/mariadb.sock")
        let pool = ConnectionPool(configuration: configuration, maxConnections: 1, waitTimeout: .milliseconds(100))
        for _ in 0..<3 {
            let error = try #require(throws: MariaDBError.self) { try pool.withConnection { _ in } }
            #expect(error.kind == .connectionLost)
        }
        #expect(pool.openConnections == 0)
    }
}
