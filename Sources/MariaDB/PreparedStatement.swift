import CMariaDB

/// A server-side prepared statement (binary protocol); owns its `MYSQL_STMT` handle.
final class PreparedStatement {
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    let parameterCount: Int
    private var result: ResultBindings?
    /// Whether `result`'s buffers are attached to the statement; they stay attached across executions.
    private var resultIsBound = false

    /// Prepares `sql` on the connection `mysql`.
    init(mysql: UnsafeMutablePointer<MYSQL>, sql: String) throws(MariaDBError) {
        guard let handle = mysql_stmt_init(mysql) else {
            throw Connection.error(of: mysql, whileExecuting: false)
        }
        self.handle = handle
        let status = sql.utf8CString.withUnsafeBufferPointer { text in
            mysql_stmt_prepare(handle, text.baseAddress, UInt(text.count - 1))
        }
        guard status == 0 else {
            let error = Self.error(of: handle, whileExecuting: false)
            mysql_stmt_close(handle)
            throw error
        }
        parameterCount = Int(mysql_stmt_param_count(handle))
        result = Self.loadResultBindings(handle)
    }

    deinit {
        // After the connection is closed the library has detached the statement; this only frees memory then.
        mysql_stmt_close(handle)
    }

    /// Binds `values` and runs the statement; rows, if any, are then read with ``fetchAll()``.
    func execute(_ values: [SQLValue]) throws(MariaDBError) {
        guard values.count == parameterCount else {
            throw MariaDBError(
                kind: .other, code: 0,
                message: "the statement has \(parameterCount) placeholders but \(values.count) values were bound")
        }
        let parameters = ParameterBindings(values)
        if parameterCount > 0, mysql_stmt_bind_param(handle, parameters.binds) != 0 {
            throw Self.error(of: handle, whileExecuting: false)
        }
        guard mysql_stmt_execute(handle) == 0 else {
            throw Self.error(of: handle, whileExecuting: true)
        }
        withExtendedLifetime(parameters) {}
        // The server re-prepares after schema changes; pick up a changed column list.
        if Int(mysql_stmt_field_count(handle)) != (result?.columns.names.count ?? 0) {
            result = Self.loadResultBindings(handle)
            resultIsBound = false
        }
    }

    /// Rows changed and the generated id of the last ``execute(_:)``.
    var executeResult: ExecuteResult {
        ExecuteResult(affectedRows: mysql_stmt_affected_rows(handle), lastInsertID: mysql_stmt_insert_id(handle))
    }

    /// Reads every row of the last ``execute(_:)`` and releases the result.
    func fetchAll() throws(MariaDBError) -> [Row] {
        guard let result else { return [] }
        defer { mysql_stmt_free_result(handle) }
        if !resultIsBound {
            guard result.bind(to: handle) else { throw Self.error(of: handle, whileExecuting: true) }
            resultIsBound = true
        }
        var rows: [Row] = []
        while true {
            let status = mysql_stmt_fetch(handle)
            if status == MYSQL_NO_DATA { break }
            if status != 0 && status != MYSQL_DATA_TRUNCATED {
                throw Self.error(of: handle, whileExecuting: true)
            }
            rows.append(Row(columns: result.columns, values: try result.currentRow(of: handle)))
        }
        return rows
    }

    /// Discards any unread result so the connection can run the next statement.
    func discardResult() {
        mysql_stmt_free_result(handle)
    }

    private static func loadResultBindings(_ handle: UnsafeMutablePointer<MYSQL_STMT>) -> ResultBindings? {
        guard let metadata = mysql_stmt_result_metadata(handle) else { return nil }
        defer { mysql_free_result(metadata) }
        let count = Int(mysql_num_fields(metadata))
        guard count > 0, let fields = mysql_fetch_fields(metadata) else { return nil }
        return ResultBindings(fields: UnsafeBufferPointer(start: fields, count: count))
    }

    static func error(of handle: UnsafeMutablePointer<MYSQL_STMT>, whileExecuting: Bool) -> MariaDBError {
        let code = mysql_stmt_errno(handle)
        let message = mysql_stmt_error(handle).map { String(cString: $0) } ?? "unknown error"
        return MariaDBError(
            kind: MariaDBError.classify(code: code, whileExecuting: whileExecuting, message: message),
            code: code,
            sqlState: mysql_stmt_sqlstate(handle).map { String(cString: $0) } ?? "HY000",
            message: message)
    }
}
