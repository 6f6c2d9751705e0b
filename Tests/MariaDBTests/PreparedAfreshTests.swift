import MariaDB
import MariaDBTestSupport
import Testing

/// `queryPreparedAfresh` answers as `query` does, with a statement of its own closed after the call, where `query`
/// prepares a statement once per session and runs it again.
@Suite final class PreparedAfreshTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    @Test func eachCallPreparesAndClosesItsOwnStatement() throws {
        let connection = try database.connect()
        try connection.executeScript(unsafeSQL: "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))")
        try connection.execute("INSERT INTO notes VALUES (\(1), \("one")), (\(2), \("two"))")
        // The session's counts of statements prepared and closed, read by a cached statement (prepared at the first reading).
        func counts() throws -> [Int] {
            try connection.query("""
                SELECT VARIABLE_VALUE AS n FROM information_schema.SESSION_STATUS
                WHERE VARIABLE_NAME IN ('COM_STMT_PREPARE', 'COM_STMT_CLOSE') ORDER BY VARIABLE_NAME DESC
                """).map { Int(try $0.decode(String.self, "n")) ?? -1 }
        }
        let query: SQLQuery = "SELECT body FROM notes WHERE id >= \(1) ORDER BY id"
        func bodies(_ rows: [Row]) throws -> [String] { try rows.map { try $0.decode(String.self, "body") } }

        let before = try counts()
        #expect(before.count == 2)
        #expect(try bodies(connection.query(query)) == ["one", "two"])
        #expect(try bodies(connection.query(query)) == ["one", "two"])
        #expect(try counts() == [before[0] + 1, before[1]], "the cached statement: prepared once and kept")
        #expect(try bodies(connection.queryPreparedAfresh(query)) == ["one", "two"])
        #expect(try bodies(connection.queryPreparedAfresh(query)) == ["one", "two"])
        #expect(try counts() == [before[0] + 3, before[1] + 2], "prepared for each call and closed after it")
    }

    @Test func aRefusedStatementIsAnErrorAndTheSessionGoesOn() throws {
        let connection = try database.connect()
        let error = try #require(throws: MariaDBError.self) { try connection.queryPreparedAfresh("SELECT * FROM no_such_table") }
        #expect(error.code == 1146)
        #expect(try connection.queryPreparedAfresh("SELECT 42 AS n").first?.decode(Int.self, "n") == 42)
    }
}
