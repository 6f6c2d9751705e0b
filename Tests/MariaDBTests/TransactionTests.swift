import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class TransactionTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB;
            INSERT INTO items VALUES (1, 0), (2, 0)
            """)
    }

    private func count(_ connection: Connection) throws -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM items").first!.decode(Int.self, "n")
    }

    struct Abort: Error {}

    @Test func commitsOnReturn() throws {
        let inserted = try connection.withTransaction { c in
            try c.execute("INSERT INTO items VALUES (\(3), \(0))").affectedRows
        }
        #expect(inserted == 1)
        #expect(try count(try database.connect()) == 3)
    }

    @Test func rollsBackOnThrowLeavingNothing() throws {
        #expect(throws: Abort.self) {
            try self.connection.withTransaction { c in
                try c.execute("INSERT INTO items VALUES (\(3), \(0))")
                try c.execute("UPDATE items SET v = \(99) WHERE id = \(1)")
                throw Abort()
            }
        }
        #expect(try count(connection) == 2)
        #expect(try connection.query("SELECT v FROM items WHERE id = 1").first?.decode(Int.self, "v") == 0)
    }

    @Test func deadlockVictimRunsAgainAndBothCommit() throws {
        let attempts = Counter()
        let firstHasRow1 = DispatchSemaphore(value: 0)
        let secondHasRow2 = DispatchSemaphore(value: 0)
        let configuration = database.configuration
        func transfer(first: Int, second: Int, locked: DispatchSemaphore, waitFor: DispatchSemaphore) -> @Sendable () throws -> Void {
            return {
                let connection = try Connection(configuration: configuration)
                let runs = Counter()
                try connection.withTransaction { c in
                    attempts.increment()
                    try c.execute("UPDATE items SET v = v + 1 WHERE id = \(first)")
                    if runs.increment() == 1 {
                        locked.signal()
                        _ = waitFor.wait(timeout: .now() + 5)
                    }
                    try c.execute("UPDATE items SET v = v + 1 WHERE id = \(second)")
                }
            }
        }
        try runOnThreads([
            transfer(first: 1, second: 2, locked: firstHasRow1, waitFor: secondHasRow2),
            transfer(first: 2, second: 1, locked: secondHasRow2, waitFor: firstHasRow1),
        ])
        // One transaction was the deadlock victim and ran a second time; both updates of both landed.
        #expect(attempts.current == 3)
        let values = try connection.query("SELECT v FROM items ORDER BY id").map { try $0.decode(Int.self, "v") }
        #expect(values == [2, 2])
    }

    @Test func sessionLostInsideTransactionRunsTheBodyAgain() throws {
        let killer = try database.connect()
        let runs = Counter()
        try connection.withTransaction { c in
            try c.execute("INSERT INTO items VALUES (\(10 + runs.increment()), \(0))")
            if runs.current == 1 {
                let id = c.connectionID
                try killer.executeScript(unsafeSQL: "KILL CONNECTION \(id)")
                try waitUntilGone(id, on: killer)
            }
            try c.execute("UPDATE items SET v = v + 1 WHERE id = \(1)")
        }
        #expect(runs.current == 2)
        // The first attempt's insert died with its session; only the second attempt's row exists.
        let ids = try killer.query("SELECT id FROM items WHERE id > 10").map { try $0.decode(Int.self, "id") }
        #expect(ids == [12])
        #expect(try killer.query("SELECT v FROM items WHERE id = 1").first?.decode(Int.self, "v") == 1)
    }
}
