import Foundation

/// Finds the caller's pictures like a picture they have at hand, without storing it ("do I have this one
/// already, or others like it?"). The model classifies it as at upload; the caller's pictures are ranked by the
/// overlap of their current predictions with its labels, as for "pictures like this"; and those whose bytes are
/// the very same are listed apart. Nothing is written: no row, no thumbnail, no quota.
public struct FindByPictureUseCase: Sendable {
    /// Similar pictures listed at most, and by default.
    public static let limitRange = 1...50
    public static let defaultLimit = 10
    /// Copies with the same bytes listed at most.
    public static let maxSameBytes = 20

    public struct Output: Sendable {
        /// What the model sees in the picture (top ``ImageRules/defaultTopK``).
        public var classification: ImageClassification
        /// The caller's pictures with exactly these bytes (or, when pictures are stored without their metadata,
        /// the bytes that would have been stored), oldest first.
        public var sameBytes: [ImageSummary]
        /// The caller's other pictures most like it, most similar first.
        public var similar: [SimilarImage]
    }

    let unitOfWork: any UnitOfWork
    let classifier: any ImageClassifier
    let processor: any ImageProcessor
    let digester: any ContentDigester
    let storedMetadata: StoredMetadata

    public init(
        unitOfWork: any UnitOfWork, classifier: any ImageClassifier, processor: any ImageProcessor,
        digester: any ContentDigester, storedMetadata: StoredMetadata = .keep
    ) {
        self.unitOfWork = unitOfWork
        self.classifier = classifier
        self.processor = processor
        self.digester = digester
        self.storedMetadata = storedMetadata
    }

    /// Errors as an upload's before anything is stored: `validation` (fields `image`, `model`, `limit`),
    /// `unsupportedMediaType`, `tooLarge`, `unavailable` (every inference slot busy).
    public func execute(userID: Int64, bytes: [UInt8], model: String? = nil, limit: Int = defaultLimit) throws -> Output {
        guard Self.limitRange.contains(limit) else {
            throw DomainError.invalid(
                "limit", "Must be an integer from \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound)."
            )
        }
        try ImageRules.require(ImageRules.check(topK: ImageRules.defaultTopK, model: model))
        _ = try ImagePreparation.inspect(bytes, with: processor)  // as an upload: before anything is decoded
        let classification = try classifier.classify(bytes, model: model, topK: ImageRules.defaultTopK)
        var digests = [digester.sha256Hex(bytes)]
        if storedMetadata == .remove {
            let stored = digester.sha256Hex(processor.withoutMetadata(bytes))
            if stored != digests[0] { digests.append(stored) }
        }
        // A label twice in one set (a model with repeated class names) counts with its higher score.
        let scores = Dictionary(classification.scores.map { ($0.label.lowercased(), $0.score) }, uniquingKeysWith: max)
        return try unitOfWork.read { repositories in
            let same = try repositories.images.withDigests(digests, userID: userID, limit: Self.maxSameBytes)
            let ids = Set(same.map(\.image.id))
            // The copies would come first among the similar ones too: asked for beyond the limit, then left out.
            let similar = try repositories.images.similar(to: scores, excluding: 0, userID: userID, limit: limit + same.count)
                .filter { !ids.contains($0.summary.image.id) }
            return Output(classification: classification, sameBytes: same, similar: Array(similar.prefix(limit)))
        }
    }
}
