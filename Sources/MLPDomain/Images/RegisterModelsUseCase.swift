import Foundation

/// Records every loaded model in the `models` table (at server start), so predictions can refer to them.
public struct RegisterModelsUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock = SystemClock()) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// Upserts each model (name, version, sha256, task, default flag); returns the stored references.
    public func execute(_ models: [ModelDescriptor]) throws -> [ModelReference] {
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            // The default last, so its flag is the one left standing.
            try models.sorted { !$0.isDefault && $1.isDefault }.map { try repositories.models.upsert($0, at: now) }
        }
    }
}
