import Foundation
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class RowDecodingTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
        try connection.executeScript(unsafeSQL: """
            CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, nickname VARCHAR(50) NULL);
            INSERT INTO people VALUES (1, 'Ada', NULL)
            """)
    }

    @Test func decodesByNameAndIndex() throws {
        let row = try #require(try connection.query("SELECT id, name, nickname FROM people").first)
        #expect(try row.decode(Int64.self, "id") == 1)
        #expect(try row.decode(String.self, at: 1) == "Ada")
        #expect(try row.decode(String?.self, "nickname") == nil)
        #expect(row.columns.names == ["id", "name", "nickname"])
    }

    @Test func typeMismatchNamesTheColumnAndType() throws {
        let row = try #require(try connection.query("SELECT id, name FROM people").first)
        let error = try #require(throws: MariaDBDecodingError.self) { try row.decode(Int64.self, "name") }
        #expect(error.column == "name")
        #expect(error.expectedType == "Int64")
        #expect(error.description.contains("'name'"))
        #expect(error.description.contains("Int64"))
    }

    @Test func nullIntoNonOptionalIsAnError() throws {
        let row = try #require(try connection.query("SELECT nickname FROM people").first)
        let error = try #require(throws: MariaDBDecodingError.self) { try row.decode(String.self, "nickname") }
        #expect(error.column == "nickname")
        #expect(error.found == "NULL")
    }

    @Test func unknownColumnIsAnError() throws {
        let row = try #require(try connection.query("SELECT id FROM people").first)
        let error = try #require(throws: MariaDBDecodingError.self) { try row.decode(Int64.self, "missing") }
        #expect(error.column == "missing")
    }
}
