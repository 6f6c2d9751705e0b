import Foundation

/// Runs a model again on a stored picture; the new predictions become current, the old ones history.
public struct ReclassifyImageUseCase: Sendable {
    /// The image after re-classification and the predictions that were current before.
    public struct Output: Sendable {
        public var details: ImageDetails
        public var previous: [Prediction]

        /// Labels in the new current set that the previous set did not have.
        public var gainedLabels: [String] {
            let before = Set(previous.map(\.label))
            return details.predictions.map(\.label).filter { !before.contains($0) }
        }

        /// Labels of the previous set that the new current set does not have.
        public var lostLabels: [String] {
            let after = Set(details.predictions.map(\.label))
            return previous.map(\.label).filter { !after.contains($0) }
        }
    }

    let unitOfWork: any UnitOfWork
    let classifier: any ImageClassifier
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, classifier: any ImageClassifier, clock: any WallClock = SystemClock()) {
        self.unitOfWork = unitOfWork
        self.classifier = classifier
        self.clock = clock
    }

    /// Re-classifies the image `imageID` of `userID` (nil: any owner, for administration). The model runs
    /// outside any transaction. `notFound`, `validation` (fields `top_k`, `model`), `unavailable`.
    public func execute(userID: Int64?, imageID: Int64, classification: ClassificationRequest = ClassificationRequest()) throws -> Output {
        try ImageRules.require(ImageRules.check(topK: classification.topK, model: classification.model))
        let content = try unitOfWork.transaction { try $0.images.content(id: imageID, userID: userID, variant: .original) }
        guard let content else { throw DomainError.imageNotFound }
        let result = try classifier.classify(content.bytes, model: classification.model, topK: classification.topK)
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            // The picture may have been replaced or deleted while the model ran: classify what is stored now.
            guard let image = try repositories.images.find(id: imageID, userID: userID) else { throw DomainError.imageNotFound }
            guard image.sha256 == content.sha256 else {
                throw DomainError(.conflict, "The image changed while it was being classified; try again.")
            }
            let previous = try repositories.predictions.current(imageID: imageID)
            let model = try ImagePreparation.modelReference(for: result.model, in: repositories, at: now)
            try repositories.predictions.replaceCurrent(imageID: imageID, model: model, scores: result.scores, at: now)
            let details = try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
            return Output(details: details, previous: previous)
        }
    }

    /// Ids of every active image above `afterID`, ascending, at most `limit` (for batch re-classification).
    public func imageIDs(afterID: Int64, limit: Int) throws -> [Int64] {
        try unitOfWork.transaction { try $0.images.activeIDs(userID: nil, afterID: afterID, limit: limit) }
    }
}
