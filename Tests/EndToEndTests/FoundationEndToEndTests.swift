import Foundation
import Testing

@Suite("Through nginx: health, routing errors, limits", .enabled(if: EndToEnd.isConfigured))
struct FoundationEndToEndTests {
    @Test func healthzAnswersJSON() async throws {
        let reply = try await EndToEnd.send("GET", "/healthz")
        #expect(reply.status == 200)
        #expect(try reply.json()["status"] as? String == "ok")
        #expect(reply.header("X-Request-Id")?.isEmpty == false)
    }

    @Test func versionNamesTheApp() async throws {
        let reply = try await EndToEnd.send("GET", "/api/v1/version")
        #expect(try reply.json()["name"] as? String == "mlp")
    }

    @Test func unknownPathIs404Problem() async throws {
        let reply = try await EndToEnd.send("GET", "/nope")
        #expect(reply.status == 404)
        #expect(reply.header("Content-Type") == "application/problem+json")
        #expect(try reply.json()["type"] as? String == "/problems/not-found")
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let reply = try await EndToEnd.send("DELETE", "/healthz")
        #expect(reply.status == 405)
        #expect(reply.header("Allow") == "GET, HEAD")
    }

    @Test func bodyOverTheCapIs413Problem() async throws {
        let reply = try await EndToEnd.send("POST", "/healthz", body: Data(count: 29 << 20),
                                            headers: ["Content-Type": "application/octet-stream"])
        #expect(reply.status == 413)
        #expect(reply.header("Content-Type") == "application/problem+json")
        #expect(try reply.json()["type"] as? String == "/problems/content-too-large")
    }

    @Test func twoHundredConcurrentRequestsAllSucceed() async throws {
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask { try await EndToEnd.send("GET", "/healthz").status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 })
    }
}
