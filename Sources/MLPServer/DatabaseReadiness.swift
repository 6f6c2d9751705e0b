import MLPAPI
import MLPData
import MariaDB

/// `/readyz`'s database check: the server answers and every migration is applied.
struct DatabaseReadiness: Sendable {
    let pool: ConnectionPool

    func check() -> ReadinessCheck {
        do {
            let status = try DatabaseStatus.check(pool: pool)
            if status.isReady { return ReadinessCheck(name: "database", ready: true) }
            return ReadinessCheck(name: "database", ready: false, detail: "\(status.pending.count) migrations pending")
        } catch {
            return ReadinessCheck(name: "database", ready: false, detail: "unreachable")
        }
    }
}
