import Foundation
import MLPDomain

/// A clock tests move by hand.
final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(by seconds: TimeInterval) {
        lock.lock()
        current.addTimeInterval(seconds)
        lock.unlock()
    }
}

/// A fast stand-in for Argon2 that counts its calls; `version` plays the role of the cost parameters.
final class FakeHasher: PasswordHasher, @unchecked Sendable {
    private let lock = NSLock()
    private var _version = 1
    private(set) var verifyCalls = 0
    var unavailable = false

    var version: Int {
        get { lock.withLock { _version } }
        set { lock.withLock { _version = newValue } }
    }

    var verifications: Int { lock.withLock { verifyCalls } }

    func hash(_ password: String) throws -> String {
        if lock.withLock({ unavailable }) { throw DomainError(.unavailable, "busy", retryAfterSeconds: 1) }
        return "fake$v\(version)$" + String(password.reversed())
    }

    func verify(_ password: String, against hash: String) throws -> Bool {
        lock.withLock { verifyCalls += 1 }
        guard let range = hash.range(of: "$", options: .backwards), hash.hasPrefix("fake$") else { return false }
        return String(hash[range.upperBound...].reversed()) == password
    }

    func needsRehash(_ hash: String) -> Bool {
        !hash.hasPrefix("fake$v\(version)$")
    }
}

/// Random tokens; the "digest" only needs to differ from the token and be deterministic.
struct FakeTokens: TokenGenerator {
    func generate() throws -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    func digest(of token: String) -> [UInt8] {
        Array(("digest:" + token).utf8)
    }
}
