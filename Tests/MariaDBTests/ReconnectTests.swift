import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class ReconnectTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    @Test func killedBetweenStatementsNextStatementSucceedsOnNewSession() throws {
        let victim = try database.connect()
        let killer = try database.connect()
        try victim.executeScript(unsafeSQL: "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))")
        try victim.execute("INSERT INTO notes VALUES (\(1), \("before"))")
        let oldID = victim.connectionID
        try killer.executeScript(unsafeSQL: "KILL CONNECTION \(oldID)")
        try waitUntilGone(oldID, on: killer)

        // The same cached statement text runs again: it is prepared anew on the new session.
        try victim.execute("INSERT INTO notes VALUES (\(2), \("after"))")
        let rows = try victim.query("SELECT body FROM notes ORDER BY id")
        #expect(try rows.map { try $0.decode(String.self, "body") } == ["before", "after"])
        #expect(victim.connectionID != oldID)
        #expect(victim.reconnectCount == 1)
    }

    @Test func killedDuringAStatementReportsUnknownOutcomeAndDoesNotRerun() throws {
        let victim = try database.connect()
        try victim.executeScript(unsafeSQL: "CREATE TABLE hits (n INT)")
        let id = victim.connectionID
        let configuration = database.configuration
        let killed = DispatchSemaphore(value: 0)
        Thread {
            defer { killed.signal() }
            guard let killer = try? Connection(configuration: configuration) else { return }
            Thread.sleep(forTimeInterval: 0.5)
            try? killer.executeScript(unsafeSQL: "KILL CONNECTION \(id)")
        }.start()
        let started = Date()
        let error = try #require(throws: MariaDBError.self) {
            try victim.execute("INSERT INTO hits SELECT SLEEP(\(3))")
        }
        killed.wait()
        #expect(error.kind == .outcomeUnknown)
        #expect(error.isRetryable)
        // Not silently re-run: the error came at the kill, not after another full run of the statement.
        #expect(Date().timeIntervalSince(started) < 2.5)
        #expect(try victim.query("SELECT COUNT(*) AS n FROM hits").first?.decode(Int.self, "n") == 0)
        #expect(victim.connectionID != id)
    }

    @Test func pingReconnectsAfterKill() throws {
        let victim = try database.connect()
        let killer = try database.connect()
        let oldID = victim.connectionID
        try killer.executeScript(unsafeSQL: "KILL CONNECTION \(oldID)")
        try waitUntilGone(oldID, on: killer)
        try victim.ping()
        #expect(victim.connectionID != oldID)
    }

    @Test func unreachableServerIsConnectionLost() throws {
        var configuration = database.configuration
        configuration.endpoint = .unixSocket(path: "/nonexistent/mariadb.sock")
        let error = try #require(throws: MariaDBError.self) { try Connection(configuration: configuration) }
        #expect(error.kind == .connectionLost)
        #expect(error.code == 2002)
    }
}
