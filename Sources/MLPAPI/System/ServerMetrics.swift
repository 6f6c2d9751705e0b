import CoreMetrics

/// The application's metrics, recorded through swift-metrics into whatever backend the composition root
/// hands in (Prometheus in `mlp-server`). Feature code calls the named methods; names and labels live here.
public final class ServerMetrics: Sendable {
    /// Route label for requests that matched no route (keeps label cardinality bounded).
    public static let unmatchedRoute = "unmatched"
    /// Metric names, for documentation and tests.
    public enum Name {
        public static let requests = "mlp_http_requests_total"
        public static let requestDuration = "mlp_http_request_duration_seconds"
        public static let inFlight = "mlp_http_requests_in_flight"
        public static let loginFailures = "mlp_login_failures_total"
        public static let databaseTransactionDuration = "mlp_db_transaction_duration_seconds"
        public static let databaseUnavailable = "mlp_db_unavailable_errors_total"
        public static let inferenceDuration = "mlp_inference_duration_seconds"
        public static let inferenceQueueDepth = "mlp_inference_queue_depth"
        public static let uploads = "mlp_uploads_total"
        public static let uploadBytes = "mlp_upload_bytes_total"
    }

    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    private let factory: any MetricsFactory
    private let inFlight: Meter
    private let databaseTimer: CoreMetrics.Timer
    private let databaseUnavailable: Counter
    private let inferenceTimer: CoreMetrics.Timer
    private let queueDepth: Gauge
    private let uploads: Counter
    private let uploadBytes: Counter
    private let loginRejected: Counter
    private let loginThrottled: Counter
    private struct RouteKey: Hashable { let route: String; let method: String; let status: Int }
    private struct Instruments {
        var counters: [RouteKey: Counter] = [:]
        var timers: [String: CoreMetrics.Timer] = [:]
    }
    /// Both lookups under one lock that readers share: every request takes it. (A mutex here was where 16
    /// workers queued once the log level was no longer behind one.)
    private let instruments = ReadWriteLocked(Instruments())

    /// Creates the metrics on `factory` (not the global `MetricsSystem`, so tests can use their own).
    public init(factory: any MetricsFactory) {
        self.factory = factory
        inFlight = Meter(label: Name.inFlight, factory: factory)
        databaseTimer = Timer(label: Name.databaseTransactionDuration, factory: factory)
        databaseUnavailable = Counter(label: Name.databaseUnavailable, factory: factory)
        inferenceTimer = Timer(label: Name.inferenceDuration, factory: factory)
        queueDepth = Gauge(label: Name.inferenceQueueDepth, factory: factory)
        uploads = Counter(label: Name.uploads, factory: factory)
        uploadBytes = Counter(label: Name.uploadBytes, factory: factory)
        loginRejected = Counter(label: Name.loginFailures, dimensions: [("reason", "invalid_credentials")], factory: factory)
        loginThrottled = Counter(label: Name.loginFailures, dimensions: [("reason", "throttled")], factory: factory)
        inFlight.set(0)
        queueDepth.record(0)
    }

    /// Counts an answered request by route pattern, method and status and records its latency; a login
    /// answered 401 or 429 also counts as a login failure.
    public func recordRequest(route: String?, method: String, status: Int, seconds: Double) {
        let route = route ?? Self.unmatchedRoute
        // Clients choose the method string: keep unknown ones from growing the label set.
        let method = Self.knownMethods.contains(method) ? method : "other"
        let key = RouteKey(route: route, method: method, status: status)
        // Every request looks its instruments up; they are made once per route, method and status, so the
        // lookup shares a read lock and only a first sighting takes it exclusively.
        let found = instruments.read { instruments in
            instruments.counters[key].flatMap { counter in instruments.timers[route].map { (counter, $0) } }
        }
        let factory = factory
        let (counter, timer) = found ?? instruments.write { instruments in
            let counter = instruments.counters[key] ?? {
                let made = Counter(
                    label: Name.requests,
                    dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
                )
                instruments.counters[key] = made
                return made
            }()
            let timer = instruments.timers[route] ?? {
                let made = Timer(label: Name.requestDuration, dimensions: [("route", route)], factory: factory)
                instruments.timers[route] = made
                return made
            }()
            return (counter, timer)
        }
        counter.increment()
        timer.recordNanoseconds(Int64(seconds * 1e9))
        // Logins through the API and through the browser's form: both check passwords and both are throttled.
        if method == "POST", route == "/api/v1/auth/login" || route == "/login" {
            if status == 401 { loginRejected.increment() } else if status == 429 { loginThrottled.increment() }
        }
    }

    /// Runs `body` counted as one in-flight request.
    public func trackingInFlight<T>(_ body: () throws -> T) rethrows -> T {
        inFlight.increment()
        defer { inFlight.decrement() }
        return try body()
    }

    /// Records one database transaction (a unit of work), successful or not.
    public func recordDatabaseTransaction(seconds: Double) {
        databaseTimer.recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Counts a request that failed because the database was unavailable.
    public func recordDatabaseUnavailable() {
        databaseUnavailable.increment()
    }

    /// Records one model forward pass (decode to top-k), in seconds.
    public func recordInference(seconds: Double) {
        inferenceTimer.recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Sets how many inference jobs wait or run right now.
    public func setInferenceQueueDepth(_ depth: Int) {
        queueDepth.record(depth)
    }

    /// Counts one stored upload and its size in bytes.
    public func recordUpload(bytes: Int) {
        uploads.increment()
        uploadBytes.increment(by: max(0, bytes))
    }
}
