import HTTP

/// `GET /metrics`: Prometheus text exposition format 0.0.4.
public enum MetricsRoutes {
    /// Prometheus' media type for the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Registers `/metrics`, refused (403) for clients `access` does not permit.
    public static func register(
        on router: inout Router, access: OperationsAccess, metricsText: @escaping @Sendable () -> [UInt8]
    ) {
        router.get("/metrics") { request in
            try access.require(request)
            return Response(contentType: contentType, body: metricsText())
        }
    }
}

extension OperationsAccess {
    /// Throws a 403 problem unless the request's client address is permitted.
    func require(_ request: Request) throws {
        guard permits(request.remoteAddress) else {
            throw ProblemDetails(
                type: "forbidden", title: "Forbidden", status: .forbidden,
                detail: "This endpoint is for operators; it answers only allowed addresses (MLP_OPS_ALLOW)."
            )
        }
    }
}
