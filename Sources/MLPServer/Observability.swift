import CoreMetrics
import FastCGI
import Foundation
import HTTP
import Logging
import MLPAPI
import Prometheus
import Synchronization

/// Metrics, status page and slow-request log for one server process: owns the Prometheus registry, the
/// ``ServerMetrics`` recorded into it and the slowest-requests window, and reads the worker counts from
/// the ``FastCGIServer`` at scrape time.
final class Observability: Sendable {
    /// The Prometheus registry every metric of the process is kept in.
    let registry = PrometheusCollectorRegistry()
    /// The named metrics feature code records.
    let metrics: ServerMetrics
    /// The factory over `registry`, with the project's histogram buckets (also bootstrapped globally).
    let factory: PrometheusMetricsFactory

    private let logger: Logger
    private let workerCount: Int
    private let startedAt = Date()
    private let slowThresholdMilliseconds: Atomic<Int>
    private let slowest = Mutex(SlowestRequests(capacity: 10, windowSeconds: 300))
    /// `SlowestRequests.admission`, readable without the lock: most requests are not among the slowest, and
    /// 16 workers taking one lock per request contended for it (futex waits were a tenth of the CPU time of
    /// `/healthz`). Two threads storing at once can leave a slightly stale floor: the status list is a sample.
    private let admissionMilliseconds = Atomic<UInt64>((-1.0).bitPattern)
    private let admissionUntil = Atomic<UInt64>((-Double.infinity).bitPattern)
    private let server = Mutex<FastCGIServer?>(nil)
    private let models = Mutex<@Sendable () -> [ServerStatusReport.LoadedModel]>({ [] })
    private let reloads = Mutex<@Sendable () -> Int>({ 0 })
    private let workersBusy: CoreMetrics.Gauge
    private let workersIdle: CoreMetrics.Gauge

    init(workerCount: Int, slowRequestMilliseconds: Int, logger: Logger) {
        self.logger = logger
        self.workerCount = workerCount
        slowThresholdMilliseconds = Atomic(slowRequestMilliseconds)
        var factory = PrometheusMetricsFactory(registry: registry)
        let fast: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map { .milliseconds($0 * 1000) }
        factory.durationHistogramBuckets = [
            ServerMetrics.Name.requestDuration: fast,
            ServerMetrics.Name.databaseTransactionDuration: fast,
            ServerMetrics.Name.inferenceDuration: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5].map { .milliseconds($0 * 1000) },
        ]
        self.factory = factory
        metrics = ServerMetrics(factory: factory)
        workersBusy = CoreMetrics.Gauge(label: "mlp_fastcgi_workers", dimensions: [("state", "busy")], factory: factory)
        workersIdle = CoreMetrics.Gauge(label: "mlp_fastcgi_workers", dimensions: [("state", "idle")], factory: factory)
        CoreMetrics.Gauge(label: "mlp_process_start_time_seconds", factory: factory).record(startedAt.timeIntervalSince1970)
        CoreMetrics.Gauge(label: "mlp_build_info", dimensions: [("version", AppInfo.version)], factory: factory).record(1)
    }

    /// Connects the FastCGI server whose worker counts `/metrics` and `/status` report.
    func attach(server: FastCGIServer) {
        self.server.withLock { $0 = server }
    }

    /// Sets where `/status` reads the loaded models from (the model registry, once it is wired).
    func reportModels(_ provider: @escaping @Sendable () -> [ServerStatusReport.LoadedModel]) {
        models.withLock { $0 = provider }
    }

    /// Sets where `/status` reads the number of completed reloads from.
    func reportReloads(_ provider: @escaping @Sendable () -> Int) {
        reloads.withLock { $0 = provider }
    }

    /// The slow-request threshold in milliseconds (0 = no slow-request log); changed on reload.
    var slowRequestMilliseconds: Int {
        get { slowThresholdMilliseconds.load(ordering: .relaxed) }
        set { slowThresholdMilliseconds.store(newValue, ordering: .relaxed) }
    }

    /// The `/metrics` and `/status` endpoints over this process's figures.
    func endpoints(access: OperationsAccess) -> OperationsEndpoints {
        OperationsEndpoints(
            access: access, metricsText: { [self] in metricsText() }, status: { [self] in statusReport() },
            observer: { [self] in observe($0) }
        )
    }

    /// Records one answered request: metrics, the slowest-requests window, and a warning when it was slow.
    func observe(_ request: RequestObservation) {
        metrics.recordRequest(
            route: request.pattern, method: request.method.rawValue, status: request.status, seconds: request.seconds
        )
        let milliseconds = request.seconds * 1000
        let route = request.pattern ?? ServerMetrics.unmatchedRoute
        let now = Date().timeIntervalSince1970
        let floor = Double(bitPattern: admissionMilliseconds.load(ordering: .relaxed))
        let until = Double(bitPattern: admissionUntil.load(ordering: .relaxed))
        if milliseconds > floor || now >= until {
            let entry = SlowestRequests.Entry(
                route: route, method: request.method.rawValue, status: request.status, milliseconds: milliseconds,
                requestID: request.requestID, finishedAt: now
            )
            let admission = slowest.withLock { slowest in
                slowest.record(entry)
                return slowest.admission
            }
            admissionMilliseconds.store(admission.milliseconds.bitPattern, ordering: .relaxed)
            admissionUntil.store(admission.until.bitPattern, ordering: .relaxed)
        }
        let threshold = slowRequestMilliseconds
        if threshold > 0, milliseconds >= Double(threshold) {
            logger.warning(
                "slow request \(request.method) \(route) took \(String(format: "%.1f", milliseconds)) ms",
                metadata: [
                    "request_id": "\(request.requestID)", "route": "\(route)", "status": "\(request.status)",
                    "ms": "\(String(format: "%.1f", milliseconds))", "threshold_ms": "\(threshold)",
                ]
            )
        }
    }

    /// The Prometheus text exposition, with the worker gauges read now.
    func metricsText() -> [UInt8] {
        let busy = server.withLock { $0?.busyWorkerCount } ?? 0
        workersBusy.record(busy)
        workersIdle.record(max(0, workerCount - busy))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 << 10)
        registry.emit(into: &buffer)
        return buffer
    }

    /// The `/status` figures, gathered now.
    func statusReport() -> ServerStatusReport {
        let (busy, served) = server.withLock { ($0?.busyWorkerCount ?? 0, $0?.requestsServed ?? 0) }
        let now = Date()
        let formatter = ISO8601DateFormatter()
        return ServerStatusReport(
            version: AppInfo.version, processID: Int(getpid()), startTime: formatter.string(from: startedAt),
            uptimeSeconds: Int(now.timeIntervalSince(startedAt)), requestsServed: served,
            workers: .init(total: workerCount, busy: busy), slowRequestThresholdMilliseconds: slowRequestMilliseconds,
            slowestRecentRequests: slowest.withLock { $0.slowest(now: now.timeIntervalSince1970) },
            models: models.withLock { $0 }(), reloads: reloads.withLock { $0 }()
        )
    }
}
