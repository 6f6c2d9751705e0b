import Foundation

extension Argon2PasswordHasher {
    /// A hasher configured from `MLP_ARGON2_MEMORY_KIB`, `MLP_ARGON2_ITERATIONS`, `MLP_ARGON2_PARALLELISM`,
    /// `MLP_HASH_CONCURRENCY` (hashes at once, default: cores) and `MLP_HASH_MAX_WAIT_MS` (wait for a slot
    /// before 503, default 2000).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Argon2PasswordHasher {
        let parameters = try Argon2Parameters.fromEnvironment(environment)
        var concurrency = ProcessInfo.processInfo.activeProcessorCount
        if let text = environment["MLP_HASH_CONCURRENCY"], !text.isEmpty {
            guard let value = Int(text), (1...1024).contains(value) else {
                throw SecurityError("MLP_HASH_CONCURRENCY must be an integer in 1...1024, got \(text)")
            }
            concurrency = value
        }
        var maxWait: TimeInterval = 2
        if let text = environment["MLP_HASH_MAX_WAIT_MS"], !text.isEmpty {
            guard let value = Int(text), (0...60_000).contains(value) else {
                throw SecurityError("MLP_HASH_MAX_WAIT_MS must be an integer in 0...60000, got \(text)")
            }
            maxWait = TimeInterval(value) / 1000
        }
        return Argon2PasswordHasher(parameters: parameters, maxConcurrent: concurrency, maxWait: maxWait)
    }
}
