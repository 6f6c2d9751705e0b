import Foundation

/// The current wall-clock time; injected so tests can move time forward.
///
/// Named `WallClock` rather than `Clock` so it never collides with the standard library's `Clock` protocol.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}
