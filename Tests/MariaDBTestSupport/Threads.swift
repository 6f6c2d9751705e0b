import Foundation
import MariaDB
import Synchronization

/// Runs each body on a thread of its own, waits for all, and rethrows the first failure.
public func runOnThreads(_ bodies: [@Sendable () throws -> Void]) throws {
    let failures = Mutex<[any Error]>([])
    let group = DispatchGroup()
    for body in bodies {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            do { try body() } catch { failures.withLock { $0.append(error) } }
        }
        thread.start()
    }
    group.wait()
    if let first = failures.withLock({ $0.first }) { throw first }
}

/// Waits until the server no longer lists session `id`, so a KILL has fully taken effect.
public func waitUntilGone(_ id: UInt64, on connection: MariaDB.Connection) throws {
    for _ in 0..<200 {
        let rows = try connection.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = \(id)")
        if try rows.first?.decode(Int.self, "n") == 0 { return }
        Thread.sleep(forTimeInterval: 0.01)
    }
    throw TestSetupError("session \(id) still listed after KILL")
}

/// A counter shared between threads.
public final class Counter: Sendable {
    private let value = Mutex(0)
    public init() {}
    @discardableResult public func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    @discardableResult public func decrement() -> Int { value.withLock { $0 -= 1; return $0 } }
    public func increment(by amount: Int) { value.withLock { $0 += amount } }
    public var current: Int { value.withLock { $0 } }
}
