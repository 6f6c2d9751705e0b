import Foundation
import MLPData
import MLPDomain
import Testing

@Suite struct Argon2PasswordHasherTests {
    private let hasher = Argon2PasswordHasher()

    @Test func hashIsAnArgon2idPHCStringWithOWASPParameters() throws {
        let hash = try hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        let fields = hash.split(separator: "$")
        #expect(fields.count == 5)
        #expect(fields[3].count == 22)  // 16-byte salt, unpadded base64
        #expect(fields[4].count == 43)  // 32-byte hash
        #expect(!hash.contains("correct horse"))
    }

    @Test func sameInputGivesDifferentSalts() throws {
        #expect(try hasher.hash("same password") != hasher.hash("same password"))
    }

    @Test func verifyAcceptsTheRightPasswordOnly() throws {
        let hash = try hasher.hash("Tr0ub4dor&3 ünïcode")
        #expect(try hasher.verify("Tr0ub4dor&3 ünïcode", against: hash))
        #expect(try !hasher.verify("Tr0ub4dor&3 unicode", against: hash))
        #expect(try !hasher.verify("", against: hash))
    }

    @Test func verifyRefusesOtherAlgorithms() throws {
        let argon2i = "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
        #expect(try !hasher.verify("anything", against: argon2i))
        #expect(try !hasher.verify("anything", against: "plain text"))
    }

    @Test func needsRehashWhenParametersDiffer() throws {
        let weak = Argon2PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1024, iterations: 1))
        let weakHash = try weak.hash("a password here")
        #expect(weakHash.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"))
        #expect(hasher.needsRehash(weakHash))
        #expect(!weak.needsRehash(weakHash))
        let current = try hasher.hash("a password here")
        #expect(!hasher.needsRehash(current))
        #expect(Argon2PasswordHasher(parameters: Argon2Parameters(hashLength: 64)).needsRehash(current))
        #expect(hasher.needsRehash("garbage"))
        // An old hash still verifies with the new hasher: verification reads the parameters from the string.
        #expect(try hasher.verify("a password here", against: weakHash))
    }

    @Test func busyHasherAnswersUnavailableAfterABriefWait() throws {
        let slow = Argon2PasswordHasher(
            parameters: Argon2Parameters(memoryKiB: 262_144, iterations: 4), maxConcurrent: 1, maxWait: 0.02
        )
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            started.signal()
            _ = try? slow.hash("first caller")
            finished.signal()
        }
        started.wait()
        Thread.sleep(forTimeInterval: 0.05)
        let error = #expect(throws: DomainError.self) { try slow.hash("second caller") }
        #expect(error?.code == .unavailable)
        #expect(error?.retryAfterSeconds == 1)
        finished.wait()
        #expect(try slow.verify("x", against: Argon2PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1)).hash("x")))
    }

    @Test func parametersFromEnvironment() throws {
        let parameters = try Argon2Parameters.fromEnvironment(["MLP_ARGON2_MEMORY_KIB": "65536", "MLP_ARGON2_ITERATIONS": "3"])
        #expect(parameters == Argon2Parameters(memoryKiB: 65_536, iterations: 3, parallelism: 1))
        #expect(try Argon2Parameters.fromEnvironment([:]) == Argon2Parameters())
        #expect(throws: SecurityError.self) { try Argon2Parameters.fromEnvironment(["MLP_ARGON2_ITERATIONS": "zero"]) }
    }
}

@Suite struct Argon2PasswordHasherEnvironmentTests {
    @Test func concurrencyAndWaitFromEnvironment() throws {
        let hasher = try Argon2PasswordHasher.fromEnvironment(["MLP_HASH_CONCURRENCY": "3", "MLP_HASH_MAX_WAIT_MS": "250"])
        #expect(hasher.maxConcurrent == 3)
        #expect(hasher.maxWait == 0.25)
        #expect(hasher.parameters == Argon2Parameters())
        #expect(throws: SecurityError.self) { try Argon2PasswordHasher.fromEnvironment(["MLP_HASH_CONCURRENCY": "0"]) }
    }
}
