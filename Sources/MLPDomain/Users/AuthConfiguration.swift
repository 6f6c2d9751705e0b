import Foundation

/// Lifetimes and throttling limits of authentication; the defaults follow OWASP ASVS level 2.
public struct AuthConfiguration: Sendable, Equatable {
    /// Absolute lifetime of a session, however active (default 7 days).
    public var sessionLifetime: TimeInterval
    /// A session unused for this long ends (default 24 hours).
    public var idleTimeout: TimeInterval
    /// `last_seen_at` is written at most this often per session (default 1 minute).
    public var lastSeenResolution: TimeInterval
    /// Failed logins allowed per account within `failureWindow` (default 10).
    public var maxFailuresPerAccount: Int
    /// Failed logins allowed per client address within `failureWindow` (default 100).
    public var maxFailuresPerAddress: Int
    /// The throttling window (default 15 minutes).
    public var failureWindow: TimeInterval
    /// Whether anyone may sign up through the API and the pages (default true). When false, accounts are made
    /// by an administrator (`mlp users create`).
    public var signUpOpen: Bool

    public init(
        sessionLifetime: TimeInterval = 7 * 86_400, idleTimeout: TimeInterval = 86_400,
        lastSeenResolution: TimeInterval = 60, maxFailuresPerAccount: Int = 10, maxFailuresPerAddress: Int = 100,
        failureWindow: TimeInterval = 15 * 60, signUpOpen: Bool = true
    ) {
        self.sessionLifetime = sessionLifetime
        self.idleTimeout = idleTimeout
        self.lastSeenResolution = lastSeenResolution
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.failureWindow = failureWindow
        self.signUpOpen = signUpOpen
    }
}
