import Foundation
import MLPDomain

/// Bounds how many inferences run at once; a caller waits at most `maxWait` for a slot and is then refused
/// with `DomainError(.unavailable)` (HTTP 503 with `Retry-After`) instead of queueing without end.
public final class InferenceGate: @unchecked Sendable {
    /// Slots: inferences that may run at the same time.
    public let capacity: Int
    /// Longest wait for a slot.
    public let maxWait: TimeInterval
    /// Seconds a refused client is told to wait.
    public let retryAfterSeconds: Int
    // `running` and `refusals` are guarded by `condition`.
    private let condition = NSCondition()
    private var running = 0
    private var refusals = 0

    /// A gate with `capacity` slots (at least 1) and a bounded wait.
    public init(capacity: Int, maxWait: TimeInterval, retryAfterSeconds: Int = 1) {
        self.capacity = max(1, capacity)
        self.maxWait = max(0, maxWait)
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Runs `body` in a slot; throws `unavailable` when no slot frees up within `maxWait`.
    public func run<T>(_ body: () throws -> T) throws -> T {
        try acquire()
        defer { release() }
        return try body()
    }

    /// Inferences running now.
    public var inFlight: Int { condition.withLock { running } }

    /// Callers refused since start.
    public var refused: Int { condition.withLock { refusals } }

    private func acquire() throws {
        let deadline = Date(timeIntervalSinceNow: maxWait)
        condition.lock()
        defer { condition.unlock() }
        while running >= capacity {
            if !condition.wait(until: deadline), running >= capacity {
                refusals += 1
                throw DomainError(
                    .unavailable, "The image model is busy; try again shortly.", retryAfterSeconds: retryAfterSeconds
                )
            }
        }
        running += 1
    }

    private func release() {
        condition.lock()
        running -= 1
        condition.signal()
        condition.unlock()
    }
}
