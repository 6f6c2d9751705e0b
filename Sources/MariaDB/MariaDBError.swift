/// A failure reported by the server, the client library or this module, with the server's code and SQLSTATE.
public struct MariaDBError: Error, Sendable, CustomStringConvertible {
    /// What the failure means for the caller; new kinds can be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        let rawValue: String
        public var description: String { rawValue }

        /// No usable connection and nothing was executed: retrying on a new connection is safe.
        public static let connectionLost = Kind(rawValue: "connection-lost")
        /// The connection broke while a statement ran: it may or may not have taken effect.
        public static let outcomeUnknown = Kind(rawValue: "outcome-unknown")
        /// The transaction was chosen as a deadlock victim and rolled back (1213).
        public static let deadlock = Kind(rawValue: "deadlock")
        /// A row lock was not granted in time (1205).
        public static let lockWaitTimeout = Kind(rawValue: "lock-wait-timeout")
        /// A unique or primary key would be violated (1062).
        public static let duplicateKey = Kind(rawValue: "duplicate-key")
        /// No pooled connection became free within the pool's wait time.
        public static let poolTimeout = Kind(rawValue: "pool-timeout")
        /// The server refuses writes for now: `read_only` is on (1290) or the storage engine runs read-only (1836).
        public static let readOnly = Kind(rawValue: "read-only")
        /// The server cannot store more: disk full (1021), table full (1114), or "No space left on device"
        /// (errno 28) reported through a write or storage-engine error (3, 1030).
        public static let storageFull = Kind(rawValue: "storage-full")
        /// Anything else: a bad statement, a constraint, a permission.
        public static let other = Kind(rawValue: "other")
    }

    /// What the failure means for the caller.
    public var kind: Kind
    /// The server or client error number (for example 1062), or 0 for errors raised by this module.
    public var code: UInt32
    /// The five-character SQLSTATE, or "HY000" when none applies.
    public var sqlState: String
    /// The server's or library's explanation.
    public var message: String

    /// Creates an error; `kind` defaults to the classification of `code`.
    public init(kind: Kind? = nil, code: UInt32, sqlState: String = "HY000", message: String) {
        self.kind = kind ?? MariaDBError.classify(code: code, whileExecuting: true, message: message)
        self.code = code
        self.sqlState = sqlState
        self.message = message
    }

    /// True when trying again later may succeed (for `outcomeUnknown`, only if the work is idempotent).
    public var isRetryable: Bool {
        [.connectionLost, .outcomeUnknown, .deadlock, .lockWaitTimeout, .poolTimeout, .readOnly, .storageFull]
            .contains(kind)
    }

    /// True when the failure concerns the connection rather than the statement.
    public var isConnectionFailure: Bool { kind == .connectionLost || kind == .outcomeUnknown }

    public var description: String { "MariaDB error \(code) (\(sqlState), \(kind)): \(message)" }

    /// Classifies an error number; `whileExecuting` tells whether a statement had been sent, `message` tells
    /// which operating-system error a generic write or engine error carries.
    static func classify(code: UInt32, whileExecuting: Bool, message: String = "") -> Kind {
        switch code {
        case 1290, 1836: return .readOnly
        case 1021, 1114: return .storageFull
        // "Error writing file ... (Errcode: 28 ...)" and "Got error 28 ... from storage engine": ENOSPC.
        case 3 where message.contains("Errcode: 28 "), 1030 where message.contains("error 28 "): return .storageFull
        case 1213: return .deadlock
        case 1205: return .lockWaitTimeout
        case 1062, 1586: return .duplicateKey
        // Could not connect, or the command was never written (server gone, too many connections).
        case 2001, 2002, 2003, 2004, 2005, 2006, 1040: return .connectionLost
        // The connection broke after the command was sent: lost, killed, shutting down, network read error.
        case 2013, 2055, 1927, 1053, 1158, 1159, 1160, 1161:
            return whileExecuting ? .outcomeUnknown : .connectionLost
        default: return .other
        }
    }
}
