import HTTP

/// The operator-facing endpoints (`/metrics`, `/status`) and where their figures come from; the composition
/// root builds it. Both answer only clients that `access` permits.
public struct OperationsEndpoints: Sendable {
    /// Who may read the endpoints.
    public var access: OperationsAccess
    /// The Prometheus text exposition, rendered at scrape time.
    public var metricsText: @Sendable () -> [UInt8]
    /// The status page's figures, gathered at request time.
    public var status: @Sendable () -> ServerStatusReport
    /// Receives every answered request (metrics, slow-request log, status page).
    public var observer: RequestObserver?

    public init(
        access: OperationsAccess, metricsText: @escaping @Sendable () -> [UInt8],
        status: @escaping @Sendable () -> ServerStatusReport, observer: RequestObserver? = nil
    ) {
        self.access = access
        self.metricsText = metricsText
        self.status = status
        self.observer = observer
    }

    /// Registers `GET /metrics` and `GET /status`.
    public func register(on router: inout Router) {
        MetricsRoutes.register(on: &router, access: access, metricsText: metricsText)
        StatusRoutes.register(on: &router, access: access, status: status)
    }
}
