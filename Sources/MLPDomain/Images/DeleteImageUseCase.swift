/// Deletes one of the caller's images: in one transaction the row is marked deleted and its bytes and
/// thumbnail are removed; every later access is `notFound`.
public struct DeleteImageUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock = SystemClock()) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// Deletes; `notFound` when the image is missing, already deleted or not the caller's.
    public func execute(userID: Int64, imageID: Int64) throws {
        let now = clock.now()
        try unitOfWork.transaction { repositories in
            guard try repositories.images.find(id: imageID, userID: userID) != nil else { throw DomainError.imageNotFound }
            try repositories.images.markDeleted(id: imageID, at: now)
        }
    }
}
