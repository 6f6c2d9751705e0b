import Foundation

/// What `/status` shows: like PHP-FPM's status page, for one app instance.
public struct ServerStatusReport: Sendable, Encodable {
    /// Worker thread counts.
    public struct Workers: Sendable, Encodable, Equatable {
        public var total: Int
        public var busy: Int
        public var idle: Int { max(0, total - busy) }

        public init(total: Int, busy: Int) {
            self.total = total
            self.busy = busy
        }

        enum CodingKeys: String, CodingKey { case total, busy, idle }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(total, forKey: .total)
            try container.encode(busy, forKey: .busy)
            try container.encode(idle, forKey: .idle)
        }
    }

    /// A model held in memory.
    public struct LoadedModel: Sendable, Encodable, Equatable {
        public var name: String
        public var version: String
        public var isDefault: Bool

        public init(name: String, version: String, isDefault: Bool) {
            self.name = name
            self.version = version
            self.isDefault = isDefault
        }

        enum CodingKeys: String, CodingKey { case name, version, isDefault = "default" }
    }

    public var version: String
    public var processID: Int
    /// When the process started, RFC 3339 UTC.
    public var startTime: String
    public var uptimeSeconds: Int
    public var requestsServed: Int
    public var workers: Workers
    /// The slow-request log threshold in force, in milliseconds.
    public var slowRequestThresholdMilliseconds: Int
    public var slowestRecentRequests: [SlowestRequests.Entry]
    public var models: [LoadedModel]
    /// Completed reloads (SIGHUP) since start.
    public var reloads: Int

    public init(
        version: String, processID: Int, startTime: String, uptimeSeconds: Int, requestsServed: Int, workers: Workers,
        slowRequestThresholdMilliseconds: Int, slowestRecentRequests: [SlowestRequests.Entry], models: [LoadedModel],
        reloads: Int
    ) {
        self.version = version
        self.processID = processID
        self.startTime = startTime
        self.uptimeSeconds = uptimeSeconds
        self.requestsServed = requestsServed
        self.workers = workers
        self.slowRequestThresholdMilliseconds = slowRequestThresholdMilliseconds
        self.slowestRecentRequests = slowestRecentRequests
        self.models = models
        self.reloads = reloads
    }

    enum CodingKeys: String, CodingKey {
        case version, processID = "pid", startTime = "start_time", uptimeSeconds = "uptime_seconds"
        case requestsServed = "requests_served", workers
        case slowRequestThresholdMilliseconds = "slow_request_threshold_ms"
        case slowestRecentRequests = "slowest_recent_requests", models, reloads
    }

    /// The plain-text form (`?format=text`), one `name: value` per line as PHP-FPM prints it.
    public var text: String {
        var lines = [
            "version:             \(version)",
            "pid:                 \(processID)",
            "start time:          \(startTime)",
            "uptime seconds:      \(uptimeSeconds)",
            "requests served:     \(requestsServed)",
            "workers total:       \(workers.total)",
            "workers busy:        \(workers.busy)",
            "workers idle:        \(workers.idle)",
            "slow threshold ms:   \(slowRequestThresholdMilliseconds)",
            "reloads:             \(reloads)",
            "models loaded:       \(models.isEmpty ? "none" : models.map { "\($0.name) \($0.version)\($0.isDefault ? " (default)" : "")" }.joined(separator: ", "))",
            "slowest recent requests:",
        ]
        if slowestRecentRequests.isEmpty { lines.append("  none") }
        for entry in slowestRecentRequests {
            lines.append("  \(String(format: "%9.2f", entry.milliseconds)) ms  \(entry.status)  \(entry.method) \(entry.route)  id=\(entry.requestID)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
