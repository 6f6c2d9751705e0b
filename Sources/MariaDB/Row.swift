/// Names and SQL types of a result's columns, shared by all its rows.
public final class ResultColumns: Sendable {
    /// Column names in result order.
    public let names: [String]
    /// SQL type names in result order (for example `VAR_STRING`, `LONGLONG`), for error messages.
    public let typeNames: [String]
    private let indexByName: [String: Int]

    init(names: [String], typeNames: [String]) {
        self.names = names
        self.typeNames = typeNames
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.indexByName = index
    }

    /// The index of the first column named `name`.
    public func index(of name: String) -> Int? { indexByName[name] }
}

/// One result row; decode its columns by name or index.
public struct Row: Sendable {
    /// The result's columns.
    public let columns: ResultColumns
    /// The row's values in column order.
    public let values: [SQLValue]

    /// Creates a row; `values` must have one value per column.
    public init(columns: ResultColumns, values: [SQLValue]) {
        precondition(columns.names.count == values.count, "row width differs from column count")
        self.columns = columns
        self.values = values
    }

    /// Decodes the column named `column`; decode as an Optional to accept NULL.
    @inlinable
    public func decode<T: SQLDecodable>(_ type: T.Type, _ column: String) throws -> T {
        guard let index = columns.index(of: column) else { throw missingColumn(column, expected: T.self) }
        return try decode(type, at: index)
    }

    /// Decodes the column at `index`; decode as an Optional to accept NULL.
    @inlinable
    public func decode<T: SQLDecodable>(_ type: T.Type, at index: Int) throws -> T {
        guard values.indices.contains(index) else { throw missingColumn("#\(index)", expected: T.self) }
        if let decoded = T.decode(from: values[index]) { return decoded }
        throw mismatch(at: index, expected: T.self)
    }

    // Inlinable decoding lets callers specialise for T; building errors stays out of line.
    @usableFromInline
    func missingColumn(_ column: String, expected: Any.Type) -> MariaDBDecodingError {
        MariaDBDecodingError(
            column: column, expectedType: "\(expected)", columnType: "missing",
            found: "no such column; the result has \(columns.names.joined(separator: ", "))")
    }

    @usableFromInline
    func mismatch(at index: Int, expected: Any.Type) -> MariaDBDecodingError {
        let value = values[index]
        return MariaDBDecodingError(
            column: columns.names[index], expectedType: "\(expected)", columnType: columns.typeNames[index],
            found: value == .null ? "NULL" : "a value of kind \(value.kindName)")
    }
}
