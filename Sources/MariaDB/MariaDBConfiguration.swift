/// Where and how to connect to a MariaDB server.
public struct MariaDBConfiguration: Sendable, Equatable {
    /// How the server is reached.
    public enum Endpoint: Sendable, Equatable {
        /// A unix domain socket at this path.
        case unixSocket(path: String)
        /// TCP to this host and port.
        case tcp(host: String, port: Int)
    }

    /// Socket or host and port.
    public var endpoint: Endpoint
    /// The account to log in as.
    public var user: String
    /// The account's password.
    public var password: String
    /// The default database; `nil` connects without selecting one.
    public var database: String?
    /// Seconds allowed for establishing a connection.
    public var connectTimeout: UInt32
    /// Seconds a single read from the server may block; past it the statement's outcome is unknown.
    public var readTimeout: UInt32
    /// Seconds a single write to the server may block.
    public var writeTimeout: UInt32
    /// Largest packet the client sends or accepts, in bytes (a LONGBLOB value must fit in it).
    public var maxPacketSize: UInt

    /// Creates a configuration; the defaults suit a local server.
    public init(
        endpoint: Endpoint,
        user: String,
        password: String,
        database: String?,
        connectTimeout: UInt32 = 5,
        readTimeout: UInt32 = 30,
        writeTimeout: UInt32 = 30,
        maxPacketSize: UInt = 64 << 20
    ) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.maxPacketSize = maxPacketSize
    }
}
