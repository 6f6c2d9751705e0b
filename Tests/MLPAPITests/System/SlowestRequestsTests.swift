import Testing
@testable import MLPAPI

@Suite("Slowest recent requests")
struct SlowestRequestsTests {
    private func entry(_ ms: Double, at time: Double, id: String? = nil) -> SlowestRequests.Entry {
        .init(route: "/r", method: "GET", status: 200, milliseconds: ms, requestID: id ?? "id\(Int(ms))", finishedAt: time)
    }

    @Test func keepsTheSlowestSlowestFirst() {
        var window = SlowestRequests(capacity: 3, windowSeconds: 60)
        for (index, ms) in [5.0, 50, 1, 500, 20, 7, 300].enumerated() {
            window.record(entry(ms, at: Double(index)))
        }
        #expect(window.slowest(now: 10).map(\.milliseconds) == [500, 300, 50])
    }

    @Test func admissionTellsWhichRequestsCouldNotBeKept() {
        var window = SlowestRequests(capacity: 3, windowSeconds: 60)
        window.record(entry(50, at: 10))
        #expect(window.admission.milliseconds == -1, "room left: every request is kept")
        window.record(entry(20, at: 12))
        window.record(entry(80, at: 15))
        #expect(window.admission.milliseconds == 20 && window.admission.until == 70)
        // Exactly what record does: at or under the floor before `until` changes nothing ...
        let before = window.slowest(now: 30)
        window.record(entry(20, at: 30))
        #expect(window.slowest(now: 30) == before)
        // ... above it, the request is kept.
        window.record(entry(21, at: 31))
        #expect(window.slowest(now: 31).map(\.milliseconds) == [80, 50, 21])
        #expect(window.admission.milliseconds == 21 && window.admission.until == 70)
    }

    @Test func forgetsRequestsOutsideTheWindow() {
        var window = SlowestRequests(capacity: 3, windowSeconds: 60)
        window.record(entry(900, at: 0))
        window.record(entry(10, at: 50))
        #expect(window.slowest(now: 55).map(\.milliseconds) == [900, 10])
        #expect(window.slowest(now: 100).map(\.milliseconds) == [10])
        // A slow one that has aged out no longer blocks faster recent ones from being kept.
        window.record(entry(2, at: 101))
        window.record(entry(3, at: 102))
        window.record(entry(4, at: 103))
        #expect(window.slowest(now: 104).map(\.milliseconds) == [10, 4, 3])
    }
}
