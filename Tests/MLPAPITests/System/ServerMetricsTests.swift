import Prometheus
import Testing
@testable import MLPAPI

@Suite("Server metrics in the Prometheus text format")
struct ServerMetricsTests {
    private func exposition(_ record: (ServerMetrics) -> Void) -> String {
        let registry = PrometheusCollectorRegistry()
        let metrics = ServerMetrics(factory: PrometheusMetricsFactory(registry: registry))
        record(metrics)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func requestsAreCountedByRouteMethodAndStatus() {
        let text = exposition { metrics in
            metrics.recordRequest(route: "/healthz", method: "GET", status: 200, seconds: 0.001)
            metrics.recordRequest(route: "/healthz", method: "GET", status: 200, seconds: 0.002)
            metrics.recordRequest(route: "/api/v1/images/:id", method: "GET", status: 404, seconds: 0.003)
            metrics.recordRequest(route: nil, method: "GET", status: 404, seconds: 0.003)
            metrics.recordRequest(route: "/healthz", method: "BREW", status: 405, seconds: 0.001)
            metrics.recordRequest(route: "/healthz", method: "X-\(UInt64.random(in: 0...UInt64.max))", status: 405, seconds: 0.001)
        }
        #expect(text.contains(#"mlp_http_requests_total{route="/healthz",method="GET",status="200"} 2"#))
        #expect(text.contains(#"mlp_http_requests_total{route="/api/v1/images/:id",method="GET",status="404"} 1"#))
        #expect(text.contains(#"mlp_http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(text.contains(#"mlp_http_requests_total{route="/healthz",method="other",status="405"} 2"#))
        #expect(!text.contains("BREW"))
        #expect(text.contains(#"mlp_http_request_duration_seconds_count{route="/healthz"} 4"#))
    }

    @Test func requestsFromManyThreadsAtOnceAreAllCounted() async {
        let text = await {
            let registry = PrometheusCollectorRegistry()
            let metrics = ServerMetrics(factory: PrometheusMetricsFactory(registry: registry))
            // 16 workers record the same and different routes at once: first sightings race with lookups.
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for round in 0..<500 {
                            metrics.recordRequest(route: "/r\(round % 7)", method: "GET", status: worker % 2 == 0 ? 200 : 404, seconds: 0.001)
                        }
                    }
                }
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }()
        let counts = text.split(separator: "\n").filter { $0.hasPrefix("mlp_http_requests_total{") }.compactMap { Int($0.split(separator: " ").last!) }
        #expect(counts.count == 14, "7 routes × 2 statuses, each made once")
        #expect(counts.reduce(0, +) == 16 * 500)
        #expect(text.contains(#"mlp_http_requests_total{route="/r0",method="GET",status="200"} 576"#))
    }

    @Test func loginFailuresAreCounted() {
        let text = exposition { metrics in
            metrics.recordRequest(route: "/api/v1/auth/login", method: "POST", status: 401, seconds: 0.1)
            metrics.recordRequest(route: "/api/v1/auth/login", method: "POST", status: 401, seconds: 0.1)
            metrics.recordRequest(route: "/api/v1/auth/login", method: "POST", status: 429, seconds: 0.1)
            metrics.recordRequest(route: "/api/v1/auth/login", method: "POST", status: 200, seconds: 0.1)
            // The login form: its refusals count too; showing the form does not.
            metrics.recordRequest(route: "/login", method: "POST", status: 401, seconds: 0.1)
            metrics.recordRequest(route: "/login", method: "POST", status: 429, seconds: 0.1)
            metrics.recordRequest(route: "/login", method: "POST", status: 303, seconds: 0.1)
            metrics.recordRequest(route: "/login", method: "GET", status: 200, seconds: 0.1)
        }
        #expect(text.contains(#"mlp_login_failures_total{reason="invalid_credentials"} 3"#))
        #expect(text.contains(#"mlp_login_failures_total{reason="throttled"} 2"#))
    }

    @Test func inferenceUploadsAndDatabaseFigures() {
        let text = exposition { metrics in
            metrics.recordInference(seconds: 0.04)
            metrics.setInferenceQueueDepth(3)
            metrics.recordUpload(bytes: 1000)
            metrics.recordUpload(bytes: 2500)
            metrics.recordDatabaseTransaction(seconds: 0.002)
            metrics.recordDatabaseUnavailable()
            metrics.trackingInFlight {}
        }
        #expect(text.contains("mlp_inference_duration_seconds_count 1"))
        #expect(text.contains("mlp_inference_queue_depth 3"))
        #expect(text.contains("mlp_uploads_total 2"))
        #expect(text.contains("mlp_upload_bytes_total 3500"))
        #expect(text.contains("mlp_db_transaction_duration_seconds_count 1"))
        #expect(text.contains("mlp_db_unavailable_errors_total 1"))
        #expect(text.contains("mlp_http_requests_in_flight 0"))
    }
}
