import Logging

/// The settings a running server can change on SIGHUP without a restart.
struct LiveSettings: Equatable, CustomStringConvertible {
    var logLevel: Logger.Level
    /// Requests slower than this are logged at warning level (`MLP_SLOW_REQUEST_MS`, default 1000; 0 = off).
    var slowRequestMilliseconds: Int

    /// Reads `MLP_LOG_LEVEL` and `MLP_SLOW_REQUEST_MS` from `environment` (already merged with `MLP_ENV_FILE`).
    static func fromEnvironment(_ environment: [String: String]) throws -> LiveSettings {
        let logLevel = try ServerConfiguration.fromEnvironment(environment).logLevel
        var slow = 1000
        if let value = environment["MLP_SLOW_REQUEST_MS"] {
            guard let parsed = Int(value), parsed >= 0 else {
                throw ConfigurationError("MLP_SLOW_REQUEST_MS must be a whole number of milliseconds (0 = off), got \(value)")
            }
            slow = parsed
        }
        return LiveSettings(logLevel: logLevel, slowRequestMilliseconds: slow)
    }

    var description: String { "log level \(logLevel), slow request \(slowRequestMilliseconds) ms" }
}
