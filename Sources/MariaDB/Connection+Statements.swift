import CMariaDB

extension Connection {
    /// Runs a statement that returns no rows (INSERT, UPDATE, DELETE, DDL) as a cached prepared statement.
    @discardableResult
    public func execute(_ query: SQLQuery) throws -> ExecuteResult {
        try withPreparedStatement(query) { (statement) throws(MariaDBError) in
            try statement.execute(query.binds)
            statement.discardResult()
            return statement.executeResult
        }
    }

    /// Runs a statement and returns all its rows, as a cached prepared statement.
    public func query(_ query: SQLQuery) throws -> [Row] {
        try rows(of: query, cached: true)
    }

    /// Runs a statement and returns all its rows, prepared for this call alone and closed after it (one more round
    /// trip than ``query(_:)``).
    ///
    /// For a statement MariaDB runs worse as a cached one: MariaDB 10.11 reads a range of an index holding a virtual
    /// column from the index alone when a statement is first executed, but from the rows, large columns included,
    /// when the same prepared statement runs again after another statement used the table on the session (measured:
    /// 20 000 index entries in 15 ms, then 600 ms).
    public func queryPreparedAfresh(_ query: SQLQuery) throws -> [Row] {
        try rows(of: query, cached: false)
    }

    private func rows(of query: SQLQuery, cached: Bool) throws -> [Row] {
        try withPreparedStatement(query, cached: cached) { (statement) throws(MariaDBError) in
            try statement.execute(query.binds)
            return try statement.fetchAll()
        }
    }

    /// Runs trusted SQL text holding one or more statements through the text protocol, without caching.
    ///
    /// For migrations and administration only: the text is sent as written and takes no binds.
    public func executeScript(unsafeSQL script: String) throws {
        for statement in SQLScriptSplitter.statements(in: script) {
            try runText(statement)
        }
    }

    /// Runs one statement through the text protocol and discards any result.
    func runText(_ sql: String) throws {
        let mysql = try usableHandle()
        let status = sql.utf8CString.withUnsafeBufferPointer { text in
            mysql_real_query(mysql, text.baseAddress, UInt(text.count - 1))
        }
        if status != 0 {
            let error = Connection.error(of: mysql, whileExecuting: true)
            if error.isConnectionFailure { markBroken() }
            throw error
        }
        if let result = mysql_store_result(mysql) {
            mysql_free_result(result)
        } else if mysql_field_count(mysql) != 0 {
            let error = Connection.error(of: mysql, whileExecuting: true)
            if error.isConnectionFailure { markBroken() }
            throw error
        }
    }

    /// Runs `body` with the cached statement for `query`, preparing it on first use (or, not `cached`, with a
    /// statement of its own, closed when `body` is done).
    ///
    /// A statement that could not be sent because the session was gone (2006, nothing executed) is
    /// retried once on a new session, outside transactions only.
    private func withPreparedStatement<T>(
        _ query: SQLQuery, cached: Bool = true, _ body: (PreparedStatement) throws(MariaDBError) -> T
    ) throws -> T {
        var retried = false
        while true {
            do {
                let mysql = try usableHandle()
                let statement = cached ? try preparedStatement(query.sql, on: mysql) : try PreparedStatement(mysql: mysql, sql: query.sql)
                return try body(statement)
            } catch let error as MariaDBError where error.isConnectionFailure {
                markBroken()
                guard error.kind == .connectionLost, !isInTransaction, !retried else { throw error }
                retried = true
            }
        }
    }

    private func preparedStatement(
        _ sql: String, on mysql: UnsafeMutablePointer<MYSQL>
    ) throws(MariaDBError) -> PreparedStatement {
        if let statement = statements[sql] { return statement }
        let statement = try PreparedStatement(mysql: mysql, sql: sql)
        if statements.count >= Connection.statementCacheLimit { statements.removeAll() }
        statements[sql] = statement
        return statement
    }
}
