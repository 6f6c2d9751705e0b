import Foundation
import Testing

@testable import MariaDB

@Suite struct SQLQueryTests {
    @Test func interpolatedValuesBecomePlaceholdersAndBinds() {
        let name = "x'; DROP TABLE users; --"
        let id: Int64 = 7
        let missing: String? = nil
        let query: SQLQuery = "SELECT * FROM users WHERE name = \(name) AND id = \(id) OR note = \(missing)"
        #expect(query.sql == "SELECT * FROM users WHERE name = ? AND id = ? OR note = ?")
        #expect(query.binds == [.string(name), .int(7), .null])
    }

    @Test func identifiersAreQuotedNotBound() {
        let table = "we`ird"
        let query: SQLQuery = "SELECT 1 FROM \(identifier: table)"
        #expect(query.sql == "SELECT 1 FROM `we``ird`")
        #expect(query.binds.isEmpty)
    }
}
