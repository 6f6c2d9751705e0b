import Foundation

/// A statement whose interpolated values become `?` placeholders with typed binds, never SQL text.
///
/// `"SELECT id FROM users WHERE username = \(name)"` sends `... WHERE username = ?` and binds `name`.
/// Identifiers can be spliced with `\(identifier: name)` (quoted with backticks); other raw text only
/// enters through ``init(unsafeSQL:binds:)``.
public struct SQLQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text with `?` placeholders.
    public private(set) var sql: String
    /// The values for the placeholders, in order.
    public private(set) var binds: [SQLValue]

    /// Builds a query from raw SQL text; the caller vouches that `unsafeSQL` holds no untrusted input.
    public init(unsafeSQL: String, binds: [SQLValue] = []) {
        self.sql = unsafeSQL
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    public var description: String { sql }

    /// Collects literal text and binds while a query literal is built.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends a `?` placeholder bound to `value`.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            sql += "?"
            binds.append(value.sqlValue)
        }

        /// Appends a `?` placeholder bound to `value`, or to NULL when it is nil.
        public mutating func appendInterpolation<T: SQLBindable>(_ value: T?) {
            sql += "?"
            binds.append(value?.sqlValue ?? .null)
        }

        /// Appends an identifier (table, column, database), quoted with backticks.
        public mutating func appendInterpolation(identifier: String) {
            sql += "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }
}
