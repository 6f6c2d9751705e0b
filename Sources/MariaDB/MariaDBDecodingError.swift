/// A result column could not be decoded into the requested Swift type.
public struct MariaDBDecodingError: Error, Sendable, CustomStringConvertible {
    /// The column's name, or `#index` when asked by an index outside the row.
    public var column: String
    /// The Swift type that was asked for.
    public var expectedType: String
    /// The column's SQL type as the server described it (for example `LONGLONG`).
    public var columnType: String
    /// What was found instead.
    public var found: String

    public var description: String {
        "cannot decode column '\(column)' (\(columnType), \(found)) as \(expectedType)"
    }
}
