/// Reads when stored pictures were taken from their files (`mlp images read-dates`), for the pictures stored
/// before the platform read it at upload (JPEGs before migration 13, PNGs before their `eXIf` chunk was read): every
/// active picture of every account without a time taken, a batch at a time. A picture whose file says nothing keeps
/// none; one that already has a time keeps it.
public struct ReadCaptureTimesUseCase: Sendable {
    /// What a run did.
    public struct Result: Equatable, Sendable {
        /// Pictures read.
        public var checked: Int
        /// Pictures that now have a time taken.
        public var dated: Int

        public init(checked: Int, dated: Int) {
            self.checked = checked
            self.dated = dated
        }
    }

    /// Pictures listed at a time.
    public static let batchSize = 100

    let unitOfWork: any UnitOfWork
    let processor: any ImageProcessor

    public init(unitOfWork: any UnitOfWork, processor: any ImageProcessor) {
        self.unitOfWork = unitOfWork
        self.processor = processor
    }

    /// Reads every undated picture once; `progress` gets the number read so far after each batch.
    public func execute(progress: (Int) -> Void = { _ in }) throws -> Result {
        var result = Result(checked: 0, dated: 0)
        var afterID: Int64 = 0
        while true {
            let ids = try unitOfWork.read { try $0.images.undatedPictureIDs(afterID: afterID, limit: Self.batchSize) }
            guard let last = ids.last else { return result }
            for id in ids {
                guard let content = try unitOfWork.read({ try $0.images.content(id: id, userID: nil, variant: .original) }) else { continue }
                result.checked += 1
                guard let takenAt = (try? processor.inspect(content.bytes))?.takenAt else { continue }
                try unitOfWork.transaction { try $0.images.setTakenAt(id: id, takenAt) }
                result.dated += 1
            }
            afterID = last
            progress(result.checked)
        }
    }
}
