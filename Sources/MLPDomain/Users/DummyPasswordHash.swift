import Foundation

/// A hash of a random password, made once with the current hasher, verified against when the user does not
/// exist so that an unknown user costs as much time as a wrong password.
final class DummyPasswordHash: @unchecked Sendable {
    private let hasher: any PasswordHasher
    private let lock = NSLock()
    private var cached: String?

    init(hasher: any PasswordHasher) {
        self.hasher = hasher
    }

    func value() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let bytes = (0..<24).map { _ in UInt8.random(in: 0x21...0x7E) }
        let hash = try hasher.hash(String(decoding: bytes, as: UTF8.self))
        cached = hash
        return hash
    }
}
