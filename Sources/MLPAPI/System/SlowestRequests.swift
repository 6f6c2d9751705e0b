/// The N slowest requests seen in a recent time window, for the status page.
///
/// A pure value type: the caller supplies the clock and guards it with a lock. Entries older than the
/// window drop out; when full, a new request replaces the fastest kept one if it was slower.
public struct SlowestRequests: Sendable {
    /// One kept request.
    public struct Entry: Sendable, Equatable, Encodable {
        public var route: String
        public var method: String
        public var status: Int
        public var milliseconds: Double
        public var requestID: String
        /// Seconds since the Unix epoch when the request finished.
        public var finishedAt: Double

        public init(route: String, method: String, status: Int, milliseconds: Double, requestID: String, finishedAt: Double) {
            self.route = route
            self.method = method
            self.status = status
            self.milliseconds = milliseconds
            self.requestID = requestID
            self.finishedAt = finishedAt
        }

        enum CodingKeys: String, CodingKey {
            case route, method, status, milliseconds, requestID = "request_id", finishedAt = "finished_at"
        }
    }

    /// How many requests are kept.
    public let capacity: Int
    /// How long a request stays listed, in seconds.
    public let windowSeconds: Double
    private var entries: [Entry] = []

    public init(capacity: Int = 10, windowSeconds: Double = 300) {
        self.capacity = max(1, capacity)
        self.windowSeconds = windowSeconds
    }

    /// Offers a finished request; kept when it is among the slowest of the window.
    public mutating func record(_ entry: Entry) {
        prune(now: entry.finishedAt)
        if entries.count < capacity {
            entries.append(entry)
            return
        }
        guard let fastest = entries.indices.min(by: { entries[$0].milliseconds < entries[$1].milliseconds }),
              entries[fastest].milliseconds < entry.milliseconds else { return }
        entries[fastest] = entry
    }

    /// Until `until` (seconds since the epoch), a request of at most `milliseconds` would not be kept, so a
    /// caller may skip taking the lock for it; (−1, −∞) while there is room (every request is kept).
    public var admission: (milliseconds: Double, until: Double) {
        guard entries.count >= capacity, let fastest = entries.map(\.milliseconds).min(),
              let oldest = entries.map(\.finishedAt).min() else { return (-1, -Double.infinity) }
        return (fastest, oldest + windowSeconds)
    }

    /// The kept requests still inside the window at `now`, slowest first.
    public func slowest(now: Double) -> [Entry] {
        entries.filter { now - $0.finishedAt <= windowSeconds }.sorted { $0.milliseconds > $1.milliseconds }
    }

    private mutating func prune(now: Double) {
        if entries.contains(where: { now - $0.finishedAt > windowSeconds }) {
            entries.removeAll { now - $0.finishedAt > windowSeconds }
        }
    }
}
