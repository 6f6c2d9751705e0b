/// Settings of the FastCGI responder.
public struct FastCGIConfiguration: Sendable, Equatable {
    /// Where to listen.
    public var address: ListenAddress
    /// Worker threads; each serves one connection at a time (libfcgi's model).
    public var workers: Int
    /// Request bodies larger than this are not read; the responder sees `bodyTooLarge`.
    public var maxBodyBytes: Int
    /// Listen backlog for pending connections from nginx.
    public var backlog: Int
    /// Permission bits given to a unix socket after it is created (nginx must be able to connect).
    public var socketMode: UInt32

    public init(
        address: ListenAddress = .unix(path: "run/mlp.sock"),
        workers: Int = 16,
        maxBodyBytes: Int = 28 << 20,
        backlog: Int = 1024,
        socketMode: UInt32 = 0o660
    ) {
        self.address = address
        self.workers = max(1, workers)
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.backlog = max(1, backlog)
        self.socketMode = socketMode
    }
}
