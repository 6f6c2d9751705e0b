/// Reads one of the caller's images: details with the picture, or raw bytes of the picture or thumbnail.
public struct GetImageUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    /// For ``content(userID:imageID:variant:withoutMetadata:)`` asked to leave the metadata out.
    let processor: (any ImageProcessor)?
    let digester: (any ContentDigester)?

    public init(unitOfWork: any UnitOfWork, processor: (any ImageProcessor)? = nil, digester: (any ContentDigester)? = nil) {
        self.unitOfWork = unitOfWork
        self.processor = processor
        self.digester = digester
    }

    /// Metadata, current predictions, history count and (with `includeBytes`) the picture;
    /// `notFound` when the image is missing, deleted or not the caller's.
    public func execute(userID: Int64, imageID: Int64, includeBytes: Bool = true) throws -> ImageDetails {
        // One statement reads everything (a consistent snapshot on its own), so no transaction is needed.
        try unitOfWork.read { try ImageDetails.load(id: imageID, userID: userID, includeBytes: includeBytes, from: $0) }
    }

    /// ``execute(userID:imageID:includeBytes:)`` for the holder of `token`, checked by `authenticate` in the
    /// same statement as the image read (`Repositories.sessionWithImage`): `unauthorized` as
    /// ``AuthenticateUseCase/execute(token:)`` says, before any `notFound`.
    public func execute(
        token: String, imageID: Int64, includeBytes: Bool = true, authenticate: AuthenticateUseCase
    ) throws -> (session: AuthenticatedSession, details: ImageDetails) {
        let (session, details) = try authenticate.execute(token: token, on: unitOfWork) { tokenHash, repositories in
            try repositories.sessionWithImage(tokenHash: tokenHash, imageID: imageID, includeBytes: includeBytes)
        }
        guard let details else { throw DomainError.imageNotFound }
        return (session, details)
    }

    /// The image's stored predictions, current first, then earlier classifications newest first, at most
    /// `limit`; `notFound` as for ``execute(userID:imageID:includeBytes:)``.
    public func predictions(userID: Int64, imageID: Int64, limit: Int) throws -> [Prediction] {
        try unitOfWork.read { repositories in
            guard try repositories.images.find(id: imageID, userID: userID) != nil else { throw DomainError.imageNotFound }
            return try repositories.predictions.all(imageID: imageID, limit: limit)
        }
    }

    /// Pictures listed as similar at most, and by default.
    public static let similarLimitRange = 1...50
    public static let defaultSimilarLimit = 10

    /// The caller's other pictures most like this one by their current labels
    /// (``ImageRepository/similar(to:excluding:userID:limit:)``); `notFound` as for
    /// ``execute(userID:imageID:includeBytes:)``, `validation` (field `limit`) out of range. The picture's own
    /// details (without bytes) come along, read in the same step, for a page that shows them.
    public func similar(
        userID: Int64, imageID: Int64, limit: Int = defaultSimilarLimit
    ) throws -> (details: ImageDetails, similar: [SimilarImage]) {
        guard Self.similarLimitRange.contains(limit) else {
            throw DomainError.invalid(
                "limit", "Must be an integer from \(Self.similarLimitRange.lowerBound) to \(Self.similarLimitRange.upperBound)."
            )
        }
        return try unitOfWork.read { repositories in
            let details = try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
            // A label twice in one set (a model with repeated class names) counts with its higher score.
            let scores = Dictionary(details.predictions.map { ($0.label.lowercased(), $0.score) }, uniquingKeysWith: max)
            return (details, try repositories.images.similar(to: scores, excluding: imageID, userID: userID, limit: limit))
        }
    }

    /// Groups of duplicates listed at most (`GET /api/v1/images/duplicates`, `/images/duplicates`).
    public static let maxDuplicateGroups = 100

    /// The caller's pictures stored more than once (the same bytes), in groups, each oldest first (at most
    /// ``maxDuplicateGroups`` groups), and how many groups there are.
    public func duplicates(userID: Int64) throws -> (groups: [[ImageSummary]], total: Int) {
        try unitOfWork.read { try $0.images.duplicateGroups(userID: userID, limit: Self.maxDuplicateGroups) }
    }

    /// The stored bytes of the picture or its thumbnail; `notFound` as for ``execute(userID:imageID:includeBytes:)``.
    /// With `withoutMetadata` the picture comes as a share link sends it (``ImageProcessor/withoutMetadata(_:)``),
    /// for an owner who wants to pass it on without where and with what it was taken.
    public func content(userID: Int64, imageID: Int64, variant: ImageVariant, withoutMetadata: Bool = false) throws -> ImageContent {
        guard let content = try unitOfWork.read({ try $0.images.content(id: imageID, userID: userID, variant: variant) }) else {
            throw DomainError.imageNotFound
        }
        return try prepared(content, variant: variant, withoutMetadata: withoutMetadata)
    }

    /// ``content(userID:imageID:variant:withoutMetadata:)`` for the holder of `token`, checked by `authenticate`
    /// in the same statement as the read (`Repositories.sessionWithContent`): `unauthorized` as
    /// ``AuthenticateUseCase/execute(token:)`` says, before any `notFound`.
    public func content(
        token: String, imageID: Int64, variant: ImageVariant, withoutMetadata: Bool = false, authenticate: AuthenticateUseCase
    ) throws -> ImageContent {
        let (_, content) = try authenticate.execute(token: token, on: unitOfWork) { tokenHash, repositories in
            try repositories.sessionWithContent(tokenHash: tokenHash, imageID: imageID, variant: variant)
        }
        guard let content else { throw DomainError.imageNotFound }
        return try prepared(content, variant: variant, withoutMetadata: withoutMetadata)
    }

    private func prepared(_ content: ImageContent, variant: ImageVariant, withoutMetadata: Bool) throws -> ImageContent {
        withoutMetadata && variant == .original ? try content.withoutMetadata(processor, digester: digester) : content
    }
}
