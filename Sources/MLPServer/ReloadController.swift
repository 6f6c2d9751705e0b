import Foundation
import Logging
import Synchronization

/// Runs the reload hooks on SIGHUP, one after another on the signal-waiting thread, while the workers go on
/// serving. A hook prepares its new state beside the old one and swaps it in atomically (for example a
/// model registry behind a `Mutex`), so no request sees a half-reloaded server; a hook that throws leaves
/// its old state in place and the others still run.
final class ReloadController: Sendable {
    /// A named step of a reload.
    typealias Hook = @Sendable () throws -> Void

    private let logger: Logger
    private let hooks = Mutex<[(name: String, hook: Hook)]>([])
    private let completed = Atomic<Int>(0)

    init(logger: Logger) {
        self.logger = logger
    }

    /// Adds a step run on every reload, in registration order.
    func onReload(_ name: String, _ hook: @escaping Hook) {
        hooks.withLock { $0.append((name, hook)) }
    }

    /// Reloads run since start.
    var reloadCount: Int { completed.load(ordering: .relaxed) }

    /// Runs every hook; returns the names of the hooks that failed (empty when all succeeded).
    @discardableResult
    func reload() -> [String] {
        let steps = hooks.withLock { $0 }
        let started = DispatchTime.now().uptimeNanoseconds
        var failed: [String] = []
        for step in steps {
            do {
                try step.hook()
            } catch {
                failed.append(step.name)
                logger.error("reload: \(step.name) failed, keeping the previous state: \(error)")
            }
        }
        completed.add(1, ordering: .relaxed)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        logger.notice(
            "reloaded",
            metadata: ["steps": "\(steps.map(\.name))", "failed": "\(failed)", "ms": "\(String(format: "%.1f", ms))"]
        )
        return failed
    }
}
