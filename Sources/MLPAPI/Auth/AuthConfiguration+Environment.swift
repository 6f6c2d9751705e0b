import Foundation
import MLPDomain

extension AuthConfiguration {
    /// Reads `MLP_SESSION_TTL`, `MLP_SESSION_IDLE_TIMEOUT`, `MLP_SESSION_TOUCH_INTERVAL`,
    /// `MLP_LOGIN_FAILURE_WINDOW` (durations: seconds, or a number with `s`, `m`, `h` or `d`),
    /// `MLP_LOGIN_MAX_FAILURES` and `MLP_LOGIN_MAX_FAILURES_PER_ADDRESS` (counts), `MLP_SIGNUP` (`open` or
    /// `closed`). Unset means default.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AuthConfiguration {
        var configuration = AuthConfiguration()
        func duration(_ name: String) throws -> TimeInterval? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let seconds = parseDuration(text), seconds > 0 else {
                throw AuthConfigurationError("\(name) must be a positive duration such as 900, 15m, 24h or 7d, got \(text)")
            }
            return seconds
        }
        func count(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value > 0 else {
                throw AuthConfigurationError("\(name) must be a positive integer, got \(text)")
            }
            return value
        }
        if let value = try duration("MLP_SESSION_TTL") { configuration.sessionLifetime = value }
        if let value = try duration("MLP_SESSION_IDLE_TIMEOUT") { configuration.idleTimeout = value }
        if let value = try duration("MLP_SESSION_TOUCH_INTERVAL") { configuration.lastSeenResolution = value }
        if let value = try duration("MLP_LOGIN_FAILURE_WINDOW") { configuration.failureWindow = value }
        if let value = try count("MLP_LOGIN_MAX_FAILURES") { configuration.maxFailuresPerAccount = value }
        if let value = try count("MLP_LOGIN_MAX_FAILURES_PER_ADDRESS") { configuration.maxFailuresPerAddress = value }
        switch environment["MLP_SIGNUP"] ?? "" {
        case "", "open": configuration.signUpOpen = true
        case "closed": configuration.signUpOpen = false
        case let other: throw AuthConfigurationError("MLP_SIGNUP must be open or closed, got \(other)")
        }
        return configuration
    }

    /// `90` or `90s` → 90, `15m` → 900, `24h` → 86400, `7d` → 604800.
    static func parseDuration(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let last = text.last, let unit = units[last] {
            return Double(text.dropLast()).map { $0 * unit }
        }
        return Double(text)
    }
}

/// An authentication setting that cannot be used.
public struct AuthConfigurationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
