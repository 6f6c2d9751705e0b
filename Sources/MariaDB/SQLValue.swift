import Foundation

/// One value sent as a statement parameter or read from a result column.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A signed integer of any integer column type.
    case int(Int64)
    /// An unsigned integer column (for example `BIGINT UNSIGNED` ids).
    case uint(UInt64)
    /// FLOAT and DOUBLE.
    case double(Double)
    /// Text in UTF-8; also DECIMAL values and other types the server renders as text.
    case string(String)
    /// Binary data (BLOB, BINARY, VARBINARY).
    case bytes([UInt8])
    /// Sent as TINYINT 0/1; read back as `.int` (BOOL is TINYINT(1)), which decodes to Bool.
    case bool(Bool)
    /// A point in time, stored as DATETIME(6) in UTC.
    case date(Date)

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .null: "NULL"
        case .int: "integer"
        case .uint: "unsigned integer"
        case .double: "double"
        case .string: "text"
        case .bytes: "bytes"
        case .bool: "bool"
        case .date: "datetime"
        }
    }
}
