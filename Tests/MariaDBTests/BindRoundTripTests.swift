import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class BindRoundTripTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE t (
                id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
                i BIGINT NULL, d DOUBLE NULL, s TEXT NULL, b LONGBLOB NULL, f BOOL NULL, t DATETIME(6) NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """)
    }

    private func insert(_ column: String, _ value: some SQLBindable) throws -> UInt64 {
        let result = try connection.execute(SQLQuery(unsafeSQL: "INSERT INTO t (\(column)) VALUES (?)", binds: [value.sqlValue]))
        #expect(result.affectedRows == 1)
        return result.lastInsertID
    }

    private func read<T: SQLDecodable>(_ type: T.Type, _ column: String, id: UInt64) throws -> T {
        let rows = try connection.query(SQLQuery(unsafeSQL: "SELECT \(column) FROM t WHERE id = ?", binds: [.uint(id)]))
        return try #require(rows.first).decode(type, column)
    }

    @Test func integersRoundTrip() throws {
        for value in [Int64.min, -1, 0, 42, Int64.max] {
            #expect(try read(Int64.self, "i", id: insert("i", value)) == value)
        }
        #expect(try read(Int.self, "i", id: insert("i", 123_456_789)) == 123_456_789)
    }

    @Test func doublesRoundTrip() throws {
        for value in [-1.5, 0.0, 3.141592653589793, 1e-300, 1.7976931348623157e308] {
            #expect(try read(Double.self, "d", id: insert("d", value)) == value)
        }
    }

    @Test func stringsRoundTripIncludingFourByteCharacters() throws {
        let values = ["", "plain", "Grüße, 日本語", "emoji 😀🦄👩‍👩‍👧 and 𝄞", String(repeating: "ü", count: 5000)]
        for value in values {
            #expect(try read(String.self, "s", id: insert("s", value)) == value)
        }
    }

    @Test func injectionTextIsStoredVerbatim() throws {
        let value = "'; DROP TABLE users; --"
        try connection.executeScript(unsafeSQL: "CREATE TABLE users (id INT)")
        let id = try insert("s", value)
        #expect(try read(String.self, "s", id: id) == value)
        let found = try connection.query("SELECT id FROM t WHERE s = \(value)")
        #expect(found.count == 1)
        #expect(try connection.query("SELECT COUNT(*) AS n FROM users").first?.decode(Int.self, "n") == 0)
    }

    @Test func emptyBlobIsNotNull() throws {
        let id = try insert("b", [UInt8]())
        #expect(try read([UInt8]?.self, "b", id: id) == [])
    }

    @Test func sixteenMebibyteBlobRoundTripsByteExact() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(16 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        #expect(bytes.count == 16 << 20)
        let id = try insert("b", bytes)
        let back = try read([UInt8].self, "b", id: id)
        #expect(back.count == bytes.count)
        #expect(back == bytes)
        #expect(try read(Data.self, "b", id: id) == Data(bytes))
    }

    @Test func dataBindsAsBytes() throws {
        let data = Data([0, 1, 2, 255, 0])
        #expect(try read(Data.self, "b", id: insert("b", data)) == data)
    }

    @Test func boolsRoundTrip() throws {
        #expect(try read(Bool.self, "f", id: insert("f", true)) == true)
        #expect(try read(Bool.self, "f", id: insert("f", false)) == false)
    }

    @Test func datesRoundTripWithMicrosecondsInUTC() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let back = try read(Date.self, "t", id: insert("t", date))
        #expect(abs(back.timeIntervalSince(date)) < 0.000_001)
        // The session runs in UTC, so the server renders the same wall-clock time.
        let text = try connection.query("SELECT CAST(t AS CHAR) AS text FROM t WHERE t = \(date)")
        #expect(try text.first?.decode(String.self, "text") == "2023-11-14 22:13:20.123456")
    }

    @Test func nullRoundTripsForEveryType() throws {
        let id = try connection.execute(
            "INSERT INTO t (i, d, s, b, f, t) VALUES (\(Int64?.none), \(Double?.none), \(String?.none), \([UInt8]?.none), \(Bool?.none), \(Date?.none))"
        ).lastInsertID
        let row = try #require(try connection.query("SELECT * FROM t WHERE id = \(id)").first)
        #expect(try row.decode(Int64?.self, "i") == nil)
        #expect(try row.decode(Double?.self, "d") == nil)
        #expect(try row.decode(String?.self, "s") == nil)
        #expect(try row.decode([UInt8]?.self, "b") == nil)
        #expect(try row.decode(Bool?.self, "f") == nil)
        #expect(try row.decode(Date?.self, "t") == nil)
        #expect(try row.decode(UInt64.self, "id") == id)
    }

    @Test func placeholdersCountMismatchIsATypedError() throws {
        #expect(throws: MariaDBError.self) {
            try self.connection.query(SQLQuery(unsafeSQL: "SELECT ? AS a, ? AS b", binds: [.int(1)]))
        }
    }
}
