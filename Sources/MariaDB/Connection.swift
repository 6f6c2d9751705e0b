import CMariaDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Initialises the client library once per process; `mysql_init` alone is not thread-safe the first time.
private let clientLibraryReady: Bool = mysql_server_init(0, nil, nil) == 0

/// One session with a MariaDB server; owns its `MYSQL` handle and its prepared statements.
///
/// Thread-confined: use a connection from one thread at a time (``ConnectionPool`` hands each borrower
/// its own). A connection found dead between statements reconnects before the next statement;
/// one lost while a statement ran reports ``MariaDBError/Kind/outcomeUnknown`` instead.
public final class Connection {
    /// The settings this connection (and every reconnect) uses.
    public let configuration: MariaDBConfiguration
    /// The open handle, or nil after a failure until the next statement reconnects.
    private var handle: UnsafeMutablePointer<MYSQL>?
    var statements: [String: PreparedStatement] = [:]
    /// True between START TRANSACTION and COMMIT/ROLLBACK; a lost connection then cannot be replaced silently.
    var isInTransaction = false
    /// How many times this connection has replaced its session after finding it lost.
    public private(set) var reconnectCount = 0

    /// Caps the prepared-statement cache; statement text comes from code, so this only guards mistakes.
    static let statementCacheLimit = 512

    /// Opens a session; throws ``MariaDBError`` when the server cannot be reached or refuses the login.
    public init(configuration: MariaDBConfiguration) throws {
        precondition(clientLibraryReady, "the MariaDB client library failed to initialise")
        self.configuration = configuration
        self.handle = try Self.open(configuration)
    }

    deinit {
        close()
    }

    /// The server-side id of the current session (what `KILL CONNECTION` takes), or 0 when disconnected.
    public var connectionID: UInt64 {
        handle.map { UInt64(mysql_thread_id($0)) } ?? 0
    }

    /// The server's version string, for example `10.11.6-MariaDB`.
    public var serverVersion: String {
        handle.flatMap { mysql_get_server_info($0) }.map { String(cString: $0) } ?? ""
    }

    /// Checks that the server answers, reconnecting first if the session was lost outside a transaction.
    public func ping() throws {
        let mysql = try usableHandle()
        if mysql_ping(mysql) != 0 {
            let error = Self.error(of: mysql, whileExecuting: false)
            markBroken()
            throw error
        }
    }

    /// Closes the session; the next statement opens a new one.
    public func close() {
        guard let mysql = handle else { return }
        handle = nil
        // Closing the handle first detaches the statements, so freeing them sends nothing over the wire.
        mysql_close(mysql)
        statements.removeAll()
    }

    /// Forgets a session that failed; the next statement outside a transaction reconnects.
    func markBroken() {
        close()
    }

    /// Reconnects now, discarding prepared statements (they are prepared again on first use).
    func reconnect() throws {
        close()
        handle = try Self.open(configuration)
        reconnectCount += 1
    }

    /// The handle to run the next statement on: replaces a session that died while idle (killed, server
    /// restarted, timed out) unless a transaction was open on it, which the server has rolled back.
    func usableHandle() throws -> UnsafeMutablePointer<MYSQL> {
        if let mysql = handle, !Self.peerHasClosed(mysql) { return mysql }
        if isInTransaction {
            markBroken()
            throw MariaDBError(
                kind: .connectionLost, code: 2006, sqlState: "08S01",
                message: "the connection was lost inside a transaction; the server rolled it back")
        }
        try reconnect()
        guard let mysql = handle else { preconditionFailure("reconnect left no handle") }
        return mysql
    }

    /// True when an idle session's socket is readable: the server closed it or sent a goodbye packet.
    private static func peerHasClosed(_ mysql: UnsafeMutablePointer<MYSQL>) -> Bool {
        let socket = mysql_get_socket(mysql)
        if socket < 0 { return true }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    private static func open(_ configuration: MariaDBConfiguration) throws(MariaDBError) -> UnsafeMutablePointer<MYSQL> {
        guard let mysql = mysql_init(nil) else {
            throw MariaDBError(kind: .connectionLost, code: 2008, message: "out of memory creating a connection")
        }
        var connectTimeout = configuration.connectTimeout
        var readTimeout = configuration.readTimeout
        var writeTimeout = configuration.writeTimeout
        var maxPacket = configuration.maxPacketSize
        var reconnect: my_bool = 0
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)
        mysql_options(mysql, MYSQL_OPT_MAX_ALLOWED_PACKET, &maxPacket)
        mysql_options(mysql, MYSQL_OPT_RECONNECT, &reconnect)
        mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        // Dates are bound and read as UTC wall-clock values; make NOW() and friends agree.
        // READ COMMITTED: each statement reads the latest committed rows and searches take no gap locks.
        // Under REPEATABLE READ two uploads deadlocked: each one's "mark the image's current predictions as
        // history" UPDATE (matching nothing for a new image) locked the gap at the end of the index, and
        // each one's INSERT then waited for the other's gap lock.
        mysql_options(mysql, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00', SESSION tx_isolation = 'READ-COMMITTED'")

        let host: String?
        let port: UInt32
        let socket: String?
        switch configuration.endpoint {
        case .unixSocket(let path):
            (host, port, socket) = ("localhost", 0, path)
        case .tcp(let name, let number):
            (host, port, socket) = (name, UInt32(number), nil)
            var protocolKind = MYSQL_PROTOCOL_TCP.rawValue
            mysql_options(mysql, MYSQL_OPT_PROTOCOL, &protocolKind)
        }
        // FOUND_ROWS: an UPDATE reports the rows it matched, so "not found" is not confused with "unchanged".
        let flags = UInt(CLIENT_FOUND_ROWS)
        let connected = mysql_real_connect(
            mysql, host, configuration.user, configuration.password, configuration.database, port, socket, flags)
        guard connected != nil else {
            var error = Self.error(of: mysql, whileExecuting: false)
            if error.code >= 2000 { error.kind = .connectionLost }
            mysql_close(mysql)
            throw error
        }
        return mysql
    }

    static func error(of mysql: UnsafeMutablePointer<MYSQL>, whileExecuting: Bool) -> MariaDBError {
        let code = mysql_errno(mysql)
        let message = mysql_error(mysql).map { String(cString: $0) } ?? "unknown error"
        return MariaDBError(
            kind: MariaDBError.classify(code: code, whileExecuting: whileExecuting, message: message),
            code: code,
            sqlState: mysql_sqlstate(mysql).map { String(cString: $0) } ?? "HY000",
            message: message)
    }
}
