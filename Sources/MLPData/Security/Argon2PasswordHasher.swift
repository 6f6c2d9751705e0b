import CArgon2
import Foundation
import MLPDomain

/// Argon2id password hashing through libargon2, stored as PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`).
///
/// Each hash takes `memoryKiB` of memory and tens of milliseconds of CPU, so at most `maxConcurrent` run at
/// once; a caller waits up to `maxWait` for a slot and then gets `DomainError.unavailable` (503).
public final class Argon2PasswordHasher: PasswordHasher {
    public let parameters: Argon2Parameters
    public let maxConcurrent: Int
    public let maxWait: TimeInterval
    private let slots: DispatchSemaphore

    /// - Parameters:
    ///   - maxConcurrent: hashes running at once; the number of cores by default.
    ///   - maxWait: how long a caller waits for a free slot before `unavailable`.
    public init(
        parameters: Argon2Parameters = Argon2Parameters(),
        maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount, maxWait: TimeInterval = 2
    ) {
        self.parameters = parameters
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxWait = maxWait
        self.slots = DispatchSemaphore(value: max(1, maxConcurrent))
    }

    public func hash(_ password: String) throws -> String {
        let salt = try SecureRandom.bytes(parameters.saltLength)
        let password = Array(password.utf8)
        let p = parameters
        let length = argon2_encodedlen(p.iterations, p.memoryKiB, p.parallelism, UInt32(p.saltLength), UInt32(p.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = try withSlot {
            password.withUnsafeBytes { passwordBytes in
                salt.withUnsafeBytes { saltBytes in
                    argon2id_hash_encoded(
                        p.iterations, p.memoryKiB, p.parallelism, passwordBytes.baseAddress, passwordBytes.count,
                        saltBytes.baseAddress, saltBytes.count, p.hashLength, &encoded, length
                    )
                }
            }
        }
        guard status == ARGON2_OK.rawValue else { throw Self.error("argon2id_hash_encoded", status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func verify(_ password: String, against hash: String) throws -> Bool {
        guard hash.hasPrefix("$argon2id$") else { return false }
        let password = Array(password.utf8)
        // libargon2 recomputes the hash and compares in constant time.
        let status = try withSlot {
            password.withUnsafeBytes { argon2id_verify(hash, $0.baseAddress, $0.count) }
        }
        switch status {
        case ARGON2_OK.rawValue: return true
        case ARGON2_VERIFY_MISMATCH.rawValue: return false
        default: throw Self.error("argon2id_verify", status)
        }
    }

    public func needsRehash(_ hash: String) -> Bool {
        guard let stored = PHCString(hash) else { return true }
        let p = parameters
        return stored.algorithm != "argon2id" || stored.version != Int(ARGON2_VERSION_NUMBER.rawValue)
            || stored.memoryKiB != p.memoryKiB || stored.iterations != p.iterations
            || stored.parallelism != p.parallelism || stored.saltLength != p.saltLength
            || stored.hashLength != p.hashLength
    }

    private func withSlot<T>(_ body: () throws -> T) throws -> T {
        guard slots.wait(timeout: .now() + maxWait) == .success else {
            throw DomainError(.unavailable, "The server is busy; try again shortly.", retryAfterSeconds: 1)
        }
        defer { slots.signal() }
        return try body()
    }

    private static func error(_ function: String, _ status: Int32) -> SecurityError {
        SecurityError("\(function) failed: \(String(cString: argon2_error_message(status)))")
    }
}
