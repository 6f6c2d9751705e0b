import Foundation
import MLPAPI
import MLPDomain

/// A ``UnitOfWork`` that times each transaction and counts the ones that failed because the database was
/// unavailable (`DomainError(.unavailable)`, which the MariaDB layer maps connection trouble to).
struct MeteredUnitOfWork: UnitOfWork {
    let base: any UnitOfWork
    let metrics: ServerMetrics

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try metered { try base.transaction(body) }
    }

    func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try metered { try base.read(body) }
    }

    private func metered<T>(_ work: () throws -> T) throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { metrics.recordDatabaseTransaction(seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) }
        do {
            return try work()
        } catch let error as DomainError where error.code == .unavailable {
            metrics.recordDatabaseUnavailable()
            throw error
        }
    }
}
