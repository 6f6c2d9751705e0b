import Logging
import Synchronization

/// The process-wide log level, changeable while the server runs (SIGHUP re-reads `MLP_LOG_LEVEL`).
///
/// Every log call of every worker reads it (swift-log asks the handler for its level first), so it is one
/// atomic integer, not a lock: behind a mutex, 16 workers queued for it and `GET /healthz` spent 11% of the
/// server's CPU spinning on that lock.
final class LiveLogLevel: Sendable {
    private static let levels = Logger.Level.allCases
    private let index: Atomic<Int>

    init(_ level: Logger.Level) {
        index = Atomic(Self.levels.firstIndex(of: level) ?? 0)
    }

    var current: Logger.Level {
        get { Self.levels[index.load(ordering: .relaxed)] }
        set { index.store(Self.levels.firstIndex(of: newValue) ?? 0, ordering: .relaxed) }
    }

    /// A handler factory for `LoggingSystem.bootstrap`: standard error, filtered by this level.
    func makeHandler(label: String) -> any LogHandler {
        var stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = .trace
        return LiveLevelLogHandler(stream: stream, level: self)
    }
}

/// Writes through `StreamLogHandler`; its level is the shared ``LiveLogLevel``, not a per-logger copy.
struct LiveLevelLogHandler: LogHandler {
    var stream: StreamLogHandler
    let level: LiveLogLevel

    var logLevel: Logger.Level {
        get { level.current }
        set {}  // one level for the whole process, changed only by a reload
    }

    var metadata: Logger.Metadata {
        get { stream.metadata }
        set { stream.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { stream[metadataKey: key] }
        set { stream[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        stream.log(event: event)
    }
}
