import Logging
import Synchronization

/// The process-wide log level, changeable while the server runs (SIGHUP re-reads `MLP_LOG_LEVEL`).
final class LiveLogLevel: Sendable {
    private let level: Mutex<Logger.Level>

    init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    var current: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
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
