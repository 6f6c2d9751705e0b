import Foundation

/// How many failed logins fall inside a window, and when the oldest of them happened.
public struct LoginFailures: Equatable, Sendable {
    public var count: Int
    public var oldest: Date?

    public init(count: Int, oldest: Date?) {
        self.count = count
        self.oldest = oldest
    }

    /// Seconds until the oldest of these failures leaves a window of `window` seconds (at least 1): the
    /// `Retry-After` of a throttled attempt.
    public func retryAfter(window: TimeInterval, now: Date) -> Int {
        guard let oldest else { return 1 }
        let seconds = oldest.addingTimeInterval(window).timeIntervalSince(now)
        return max(1, Int(seconds.rounded(.up)))
    }
}

/// Counts failed logins in the database, so throttling holds across app instances.
public protocol LoginAttemptRepository {
    /// Records one failed login for an account key and a client address.
    func recordFailure(accountKey: String, clientAddress: String, at date: Date) throws
    /// Before a password is checked: when the account has fewer than `maxPerAccount` and the address fewer than
    /// `maxPerAddress` failures after `since`, records a failure at `date` for both and returns nil; otherwise
    /// records nothing and returns the failures over the limit. Attempts on one account are serialised, so
    /// concurrent attempts cannot pass the account limit together.
    func reserveFailure(
        accountKey: String, clientAddress: String, at date: Date, since: Date, maxPerAccount: Int, maxPerAddress: Int
    ) throws -> LoginFailures?
    /// Takes back the failure ``reserveFailure(accountKey:clientAddress:at:since:maxPerAccount:maxPerAddress:)``
    /// recorded at `date` (the login succeeded, or the password could not be checked).
    func cancelReservedFailure(accountKey: String, clientAddress: String, at date: Date) throws
    /// Failures for an account key strictly after `since` (one window ago).
    func failures(accountKey: String, since: Date) throws -> LoginFailures
    /// Failures from a client address strictly after `since`.
    func failures(clientAddress: String, since: Date) throws -> LoginFailures
    /// Forgets the failures of an account (after a successful login).
    func clearFailures(accountKey: String) throws
    /// Removes failures older than `date` (they no longer count).
    func deleteFailures(before date: Date) throws
}
