import Foundation

/// A bounded set of connections shared by worker threads; each borrower gets a connection of its own.
///
/// Connections are opened on demand up to `maxConnections`. A borrower that finds all of them busy waits
/// up to `waitTimeout` and then gets ``MariaDBError/Kind/poolTimeout``.
public final class ConnectionPool: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var openCount = 0

    /// The settings every pooled connection uses.
    public let configuration: MariaDBConfiguration
    /// The most connections open at once.
    public let maxConnections: Int
    /// How long a borrower waits for a free connection.
    public let waitTimeout: Duration

    /// Creates an empty pool; no connection is opened until the first borrow.
    public init(configuration: MariaDBConfiguration, maxConnections: Int, waitTimeout: Duration = .seconds(5)) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.maxConnections = maxConnections
        self.waitTimeout = waitTimeout
    }

    /// Runs `body` with a connection of its own and returns the connection to the pool afterwards.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    /// Connections currently open (idle or borrowed).
    public var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return openCount
    }

    private func borrow() throws -> Connection {
        let seconds = Double(waitTimeout.components.seconds) + Double(waitTimeout.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        while true {
            if let connection = idle.popLast() {
                condition.unlock()
                return connection
            }
            if openCount < maxConnections {
                openCount += 1
                condition.unlock()
                do {
                    return try Connection(configuration: configuration)
                } catch {
                    condition.lock()
                    openCount -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw MariaDBError(
                    kind: .poolTimeout, code: 0,
                    message: "no database connection became free within \(waitTimeout) (pool of \(maxConnections))")
            }
        }
    }

    private func giveBack(_ connection: Connection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}
