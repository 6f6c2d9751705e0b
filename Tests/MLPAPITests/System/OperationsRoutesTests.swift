import Foundation
import HTTP
import Logging
import Testing
@testable import MLPAPI

@Suite("Operations endpoints: /metrics and /status")
struct OperationsRoutesTests {
    private static let report = ServerStatusReport(
        version: "9.9.9", processID: 4242, startTime: "2026-01-02T03:04:05Z", uptimeSeconds: 61, requestsServed: 1234,
        workers: .init(total: 16, busy: 3), slowRequestThresholdMilliseconds: 1000,
        slowestRecentRequests: [
            .init(route: "/api/v1/images", method: "POST", status: 201, milliseconds: 812.5, requestID: "abc123", finishedAt: 1)
        ],
        models: [.init(name: "efficientnet-lite0", version: "1", isDefault: true)], reloads: 2
    )

    private func responder(allow: [String] = []) -> HTTPResponder {
        var application = APIApplication(maxBodyBytes: 1024, logger: Logger(label: "test"))
        application.operations = OperationsEndpoints(
            access: OperationsAccess(allowedPrefixes: allow),
            metricsText: { Array("mlp_up 1\n".utf8) }, status: { Self.report }
        )
        return application.makeResponder()
    }

    private func get(_ path: String, from address: String, query: String = "", accept: String? = nil, allow: [String] = []) -> Response {
        var headers = HTTPHeaders()
        if let accept { headers.add("Accept", accept) }
        return responder(allow: allow).respond(to: Request(
            method: .get, path: path, query: URLEncodedForm(parsing: query), headers: headers, remoteAddress: address
        ))
    }

    @Test(arguments: ["/metrics", "/status"])
    func refusedFromOtherAddresses(path: String) {
        for address in ["203.0.113.7", "10.1.2.3", "::ffff:192.0.2.1", "", "1270.0.0.1"] {
            let response = get(path, from: address)
            #expect(response.status == .forbidden, "\(path) from '\(address)'")
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("mlp_up"))
        }
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.53", "::1", "::ffff:127.0.0.1"])
    func allowedFromLoopback(address: String) {
        #expect(get("/metrics", from: address).status == .ok)
        #expect(get("/status", from: address).status == .ok)
    }

    @Test func configuredPrefixesAreAllowed() {
        #expect(get("/metrics", from: "10.1.2.3", allow: ["10.1."]).status == .ok)
        #expect(get("/metrics", from: "10.2.2.3", allow: ["10.1."]).status == .forbidden)
        #expect(get("/status", from: "198.51.100.1", allow: ["*"]).status == .ok)
        #expect(OperationsAccess(environment: ["MLP_OPS_ALLOW": "10.0., 172.18."]).allowedPrefixes == ["10.0.", "172.18."])
    }

    @Test func metricsUsePrometheusTextType() {
        let response = get("/metrics", from: "127.0.0.1")
        #expect(response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(String(decoding: response.body, as: UTF8.self) == "mlp_up 1\n")
    }

    @Test func statusJSONShape() throws {
        let response = get("/status", from: "127.0.0.1")
        #expect(response.headers["Content-Type"] == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(Set(object.keys) == [
            "version", "pid", "start_time", "uptime_seconds", "requests_served", "workers", "slow_request_threshold_ms",
            "slowest_recent_requests", "models", "reloads",
        ])
        #expect(object["requests_served"] as? Int == 1234)
        #expect(object["workers"] as? [String: Int] == ["total": 16, "busy": 3, "idle": 13])
        let slow = try #require((object["slowest_recent_requests"] as? [[String: Any]])?.first)
        #expect(slow["route"] as? String == "/api/v1/images")
        #expect(slow["request_id"] as? String == "abc123")
        #expect(slow["milliseconds"] as? Double == 812.5)
        let model = try #require((object["models"] as? [[String: Any]])?.first)
        #expect(model["name"] as? String == "efficientnet-lite0")
        #expect(model["default"] as? Bool == true)
    }

    @Test func statusAsText() {
        for response in [get("/status", from: "::1", query: "format=text"), get("/status", from: "::1", accept: "text/plain")] {
            #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text.contains("requests served:     1234"))
            #expect(text.contains("workers idle:        13"))
            #expect(text.contains("id=abc123"))
            #expect(text.contains("efficientnet-lite0 1 (default)"))
        }
    }
}
