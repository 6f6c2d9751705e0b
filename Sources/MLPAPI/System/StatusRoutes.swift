import HTTP

/// `GET /status`: the instance's status page, JSON by default, plain text with `?format=text` or
/// `Accept: text/plain`.
public enum StatusRoutes {
    /// Registers `/status`, refused (403) for clients `access` does not permit.
    public static func register(
        on router: inout Router, access: OperationsAccess, status: @escaping @Sendable () -> ServerStatusReport
    ) {
        router.get("/status") { request in
            try access.require(request)
            let report = status()
            if wantsText(request) { return .text(report.text) }
            return try .json(report)
        }
    }

    private static func wantsText(_ request: Request) -> Bool {
        if let format = request.query["format"] { return format == "text" }
        let accept = request.headers["Accept"]?.lowercased() ?? ""
        return accept.hasPrefix("text/plain")
    }
}
