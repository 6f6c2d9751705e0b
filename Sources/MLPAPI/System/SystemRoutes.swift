import HTTP

/// Liveness and version endpoints.
public enum SystemRoutes {
    private struct Health: Encodable { let status: String }
    private struct Version: Encodable { let name: String; let version: String }

    private struct Readiness: Encodable {
        struct Check: Encodable { let name: String; let ready: Bool; let detail: String? }
        let status: String
        let checks: [Check]
    }

    /// Registers `GET /healthz` (the process answers), `GET /readyz` (its dependencies answer) and
    /// `GET /api/v1/version`.
    public static func register(on router: inout Router, readiness: @escaping ReadinessProbe) {
        router.get("/readyz") { _ in
            let checks = readiness()
            let failing = checks.filter { !$0.ready }
            guard failing.isEmpty else {
                let names = failing.map { "\($0.name): \($0.detail ?? "not ready")" }.joined(separator: "; ")
                throw ProblemDetails(
                    type: "unavailable", title: "Service Unavailable", status: .serviceUnavailable,
                    detail: "Not ready: \(names).", headers: ["Retry-After": "2"]
                )
            }
            return try .json(Readiness(status: "ready", checks: checks.map { .init(name: $0.name, ready: $0.ready, detail: $0.detail) }))
        }
        let health = (try? JSONCoding.encode(Health(status: "ok"))) ?? []
        router.get("/healthz") { _ in
            Response(contentType: "application/json", body: health)
        }
        let version = (try? JSONCoding.encode(Version(name: AppInfo.name, version: AppInfo.version))) ?? []
        router.get("/api/v1/version") { _ in
            Response(contentType: "application/json", body: version)
        }
    }
}
