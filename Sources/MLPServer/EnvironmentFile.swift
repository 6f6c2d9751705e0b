import Foundation

/// `MLP_ENV_FILE`: a file of `MLP_NAME=value` lines that overrides the process environment, read at start
/// and again on SIGHUP (only the live settings take effect then; see ``LiveSettings``).
enum EnvironmentFile {
    /// The process environment with the file named by `MLP_ENV_FILE` (when set) laid over it.
    static func merged(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        guard let path = environment["MLP_ENV_FILE"], !path.isEmpty else { return environment }
        return environment.merging(try read(path: path)) { _, fromFile in fromFile }
    }

    /// Parses `NAME=value` lines; blank lines and `#` comments are skipped, `export ` and quotes are allowed.
    static func read(path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("MLP_ENV_FILE \(path) cannot be read")
        }
        var values: [String: String] = [:]
        for (number, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "="), line[..<equals].hasPrefix("MLP_") else {
                throw ConfigurationError("\(path):\(number + 1): expected MLP_NAME=value")
            }
            var value = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<equals]).trimmingCharacters(in: .whitespaces)] = value
        }
        return values
    }
}
