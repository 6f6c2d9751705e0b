import HTTP

/// Liveness and version endpoints.
public enum SystemRoutes {
    private struct Health: Encodable { let status: String }
    private struct Version: Encodable { let name: String; let version: String }

    /// Registers `GET /healthz` and `GET /api/v1/version`.
    public static func register(on router: inout Router) {
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
