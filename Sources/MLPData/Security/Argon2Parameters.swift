import Foundation

/// Argon2id cost parameters; the defaults are OWASP's (m = 19 MiB, t = 2, p = 1).
public struct Argon2Parameters: Sendable, Equatable {
    /// Memory in KiB.
    public var memoryKiB: UInt32
    /// Passes over memory.
    public var iterations: UInt32
    /// Lanes.
    public var parallelism: UInt32
    public var saltLength: Int
    public var hashLength: Int

    public init(memoryKiB: UInt32 = 19_456, iterations: UInt32 = 2, parallelism: UInt32 = 1, saltLength: Int = 16, hashLength: Int = 32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        self.saltLength = saltLength
        self.hashLength = hashLength
    }

    /// Reads `MLP_ARGON2_MEMORY_KIB`, `MLP_ARGON2_ITERATIONS` and `MLP_ARGON2_PARALLELISM`; unset means default.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Argon2Parameters {
        var parameters = Argon2Parameters()
        func read(_ name: String, _ range: ClosedRange<UInt32>) throws -> UInt32? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = UInt32(text), range.contains(value) else {
                throw SecurityError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \(text)")
            }
            return value
        }
        if let value = try read("MLP_ARGON2_MEMORY_KIB", 8...4_194_304) { parameters.memoryKiB = value }
        if let value = try read("MLP_ARGON2_ITERATIONS", 1...100) { parameters.iterations = value }
        if let value = try read("MLP_ARGON2_PARALLELISM", 1...64) { parameters.parallelism = value }
        guard parameters.memoryKiB >= 8 * parameters.parallelism else {
            throw SecurityError("MLP_ARGON2_MEMORY_KIB must be at least 8 × MLP_ARGON2_PARALLELISM")
        }
        return parameters
    }
}
