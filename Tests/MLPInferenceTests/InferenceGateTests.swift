import Foundation
import MLPDomain
@testable import MLPInference
import Synchronization
import Testing

@Suite struct InferenceGateTests {
    @Test func neverRunsMoreThanItsCapacity() throws {
        let gate = InferenceGate(capacity: 2, maxWait: 5)
        let running = Mutex((now: 0, peak: 0))
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                try? gate.run {
                    running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
                    Thread.sleep(forTimeInterval: 0.02)
                    running.withLock { $0.now -= 1 }
                }
            }.start()
        }
        group.wait()
        #expect(running.withLock { $0.peak } == 2)
        #expect(gate.refused == 0)
        #expect(gate.inFlight == 0)
    }

    @Test func refusesWithUnavailableAfterTheBoundedWait() throws {
        let gate = InferenceGate(capacity: 1, maxWait: 0.05, retryAfterSeconds: 1)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread {
            try? gate.run {
                holding.signal()
                release.wait()
            }
        }.start()
        holding.wait()
        let started = Date()
        let error = try #require(throws: DomainError.self) { try gate.run { 1 } }
        #expect(error.code == .unavailable)
        #expect(error.retryAfterSeconds == 1)
        #expect(Date().timeIntervalSince(started) >= 0.04)
        release.signal()
        #expect(try gate.run { 7 } == 7)
        #expect(gate.refused == 1)
    }
}
