import CMariaDB

/// Reusable C buffers a prepared statement fetches its result rows into.
final class ResultBindings {
    /// How a column's bytes are turned into a ``SQLValue``.
    enum Representation {
        case integer(unsigned: Bool)
        case double
        case datetime
        case text
        case binary
    }

    /// Variable-length values up to this size are fetched in place; longer ones are fetched again at full size.
    private static let inlineCapacity = 1024

    let columns: ResultColumns
    private let representations: [Representation]
    private let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let errors: UnsafeMutablePointer<my_bool>
    private var buffers: [UnsafeMutableRawPointer] = []

    /// Lays out buffers for the columns described by `fields`.
    init(fields: UnsafeBufferPointer<MYSQL_FIELD>) {
        let count = max(fields.count, 1)
        binds = .allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        nulls = .allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        errors = .allocate(capacity: count)
        errors.initialize(repeating: 0, count: count)
        var names: [String] = []
        var typeNames: [String] = []
        var representations: [Representation] = []
        for (index, field) in fields.enumerated() {
            names.append(field.name.map { String(cString: $0) } ?? "")
            typeNames.append(Self.typeName(field.type))
            let representation = Self.representation(of: field)
            representations.append(representation)
            var bind = MYSQL_BIND()
            let capacity: Int
            switch representation {
            case .integer(let unsigned):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                bind.is_unsigned = unsigned ? 1 : 0
                capacity = 8
            case .double:
                bind.buffer_type = MYSQL_TYPE_DOUBLE
                capacity = 8
            case .datetime:
                bind.buffer_type = MYSQL_TYPE_DATETIME
                capacity = MemoryLayout<MYSQL_TIME>.size
            case .text:
                bind.buffer_type = MYSQL_TYPE_STRING
                capacity = Self.inlineCapacity
            case .binary:
                bind.buffer_type = MYSQL_TYPE_BLOB
                capacity = Self.inlineCapacity
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            buffers.append(buffer)
            bind.buffer = buffer
            bind.buffer_length = UInt(capacity)
            bind.length = lengths + index
            bind.is_null = nulls + index
            bind.error = errors + index
            binds[index] = bind
        }
        self.representations = representations
        self.columns = ResultColumns(names: names, typeNames: typeNames)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
        binds.deallocate()
        lengths.deallocate()
        nulls.deallocate()
        errors.deallocate()
    }

    /// Attaches the buffers to `statement`; call after each execute, before fetching.
    func bind(to statement: UnsafeMutablePointer<MYSQL_STMT>) -> Bool {
        mysql_stmt_bind_result(statement, binds) == 0
    }

    /// Reads the current row after a successful `mysql_stmt_fetch` (including one that reported truncation).
    func currentRow(of statement: UnsafeMutablePointer<MYSQL_STMT>) throws(MariaDBError) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(representations.count)
        for (index, representation) in representations.enumerated() {
            if nulls[index] != 0 {
                values.append(.null)
                continue
            }
            let buffer = buffers[index]
            switch representation {
            case .integer(let unsigned):
                let bits = buffer.load(as: UInt64.self)
                values.append(unsigned ? .uint(bits) : .int(Int64(bitPattern: bits)))
            case .double:
                values.append(.double(buffer.load(as: Double.self)))
            case .datetime:
                let time = buffer.load(as: MYSQL_TIME.self)
                let fields = UTCDateTime(
                    year: Int(time.year), month: Int(time.month), day: Int(time.day), hour: Int(time.hour),
                    minute: Int(time.minute), second: Int(time.second), microsecond: Int(time.second_part))
                values.append(.date(fields.date))
            case .text, .binary:
                let bytes = try variableBytes(at: index, of: statement)
                if case .text = representation {
                    values.append(.string(String(decoding: bytes, as: UTF8.self)))
                } else {
                    values.append(.bytes(bytes))
                }
            }
        }
        return values
    }

    /// The column's full value: from the inline buffer, or fetched again when it did not fit.
    private func variableBytes(at index: Int, of statement: UnsafeMutablePointer<MYSQL_STMT>) throws(MariaDBError) -> [UInt8] {
        let length = Int(lengths[index])
        let capacity = Int(binds[index].buffer_length)
        if length <= capacity {
            return [UInt8](UnsafeRawBufferPointer(start: buffers[index], count: length))
        }
        var status: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            var fullLength: UInt = 0
            var isNull: my_bool = 0
            var error: my_bool = 0
            withUnsafeMutablePointer(to: &fullLength) { lengthPointer in
                withUnsafeMutablePointer(to: &isNull) { nullPointer in
                    withUnsafeMutablePointer(to: &error) { errorPointer in
                        var bind = binds[index]
                        bind.buffer = UnsafeMutableRawPointer(buffer.baseAddress)
                        bind.buffer_length = UInt(length)
                        bind.length = lengthPointer
                        bind.is_null = nullPointer
                        bind.error = errorPointer
                        status = mysql_stmt_fetch_column(statement, &bind, UInt32(index), 0)
                    }
                }
            }
            initialized = status == 0 ? min(Int(fullLength), length) : 0
        }
        guard status == 0, bytes.count == length else {
            throw MariaDBError(
                kind: .other, code: mysql_stmt_errno(statement), message: "could not fetch column \(index) in full")
        }
        return bytes
    }

    private static func representation(of field: MYSQL_FIELD) -> Representation {
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_INT24, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG,
            MYSQL_TYPE_YEAR:
            return .integer(unsigned: field.flags & UInt32(UNSIGNED_FLAG) != 0)
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return .double
        case MYSQL_TYPE_DATE, MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_NEWDATE:
            return .datetime
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
            MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_GEOMETRY, MYSQL_TYPE_BIT:
            // Character set 63 is `binary`: BLOB, BINARY, VARBINARY and binary expressions.
            return field.charsetnr == 63 ? .binary : .text
        default:
            // DECIMAL, TIME, JSON, ENUM, SET: the server's text rendering.
            return .text
        }
    }

    static func typeName(_ type: enum_field_types) -> String {
        switch type {
        case MYSQL_TYPE_TINY: "TINY"
        case MYSQL_TYPE_SHORT: "SHORT"
        case MYSQL_TYPE_INT24: "INT24"
        case MYSQL_TYPE_LONG: "LONG"
        case MYSQL_TYPE_LONGLONG: "LONGLONG"
        case MYSQL_TYPE_YEAR: "YEAR"
        case MYSQL_TYPE_FLOAT: "FLOAT"
        case MYSQL_TYPE_DOUBLE: "DOUBLE"
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL: "DECIMAL"
        case MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE: "DATE"
        case MYSQL_TYPE_DATETIME: "DATETIME"
        case MYSQL_TYPE_TIMESTAMP: "TIMESTAMP"
        case MYSQL_TYPE_TIME: "TIME"
        case MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VAR_STRING: "VAR_STRING"
        case MYSQL_TYPE_STRING: "STRING"
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB: "BLOB"
        case MYSQL_TYPE_NULL: "NULL"
        case MYSQL_TYPE_BIT: "BIT"
        case MYSQL_TYPE_JSON: "JSON"
        case MYSQL_TYPE_ENUM: "ENUM"
        case MYSQL_TYPE_SET: "SET"
        case MYSQL_TYPE_GEOMETRY: "GEOMETRY"
        default: "TYPE_\(type.rawValue)"
        }
    }
}
