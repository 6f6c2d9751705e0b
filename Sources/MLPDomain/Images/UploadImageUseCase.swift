import Foundation

/// Stores a new picture with its classification.
///
/// The header is checked, the model runs and the thumbnail is made before any transaction is opened
/// (inference takes tens of milliseconds); then image row, bytes, thumbnail and predictions are written in
/// one transaction, so a failure anywhere leaves nothing. An idempotency key makes a retried upload answer
/// with the first image instead of storing a second one.
public struct UploadImageUseCase: Sendable {
    /// What to upload.
    public struct Input: Sendable {
        public var userID: Int64
        public var bytes: [UInt8]
        public var title: String?
        public var classification: ClassificationRequest
        /// 1 to 64 printable ASCII characters, unique per user.
        public var idempotencyKey: String?
        /// One of the user's albums, which the picture goes into in the same transaction.
        public var albumID: Int64?

        public init(
            userID: Int64, bytes: [UInt8], title: String? = nil, classification: ClassificationRequest = ClassificationRequest(),
            idempotencyKey: String? = nil, albumID: Int64? = nil
        ) {
            self.userID = userID
            self.bytes = bytes
            self.title = title
            self.classification = classification
            self.idempotencyKey = idempotencyKey
            self.albumID = albumID
        }
    }

    /// The stored image; `created` is false when an earlier upload with the same idempotency key is replayed.
    public struct Output: Sendable {
        public var details: ImageDetails
        public var created: Bool
    }

    let unitOfWork: any UnitOfWork
    let preparation: ImagePreparation
    let digester: any ContentDigester
    let clock: any WallClock
    let quota: StorageQuota

    public init(
        unitOfWork: any UnitOfWork, classifier: any ImageClassifier, processor: any ImageProcessor,
        digester: any ContentDigester, clock: any WallClock = SystemClock(), quota: StorageQuota = .unlimited,
        storedMetadata: StoredMetadata = .keep
    ) {
        self.unitOfWork = unitOfWork
        self.preparation = ImagePreparation(
            classifier: classifier, processor: processor, digester: digester, storedMetadata: storedMetadata
        )
        self.digester = digester
        self.clock = clock
        self.quota = quota
    }

    /// Uploads, into the album `albumID` if given. Errors: `validation` (fields `image`, `title`, `top_k`, `model`,
    /// `album_id` — an album that is not the user's —, `Idempotency-Key` — also when a key is reused with a different
    /// request), `unsupportedMediaType`, `tooLarge`, `quotaExceeded`, `unavailable`.
    public func execute(_ input: Input) throws -> Output {
        let title = ImageRules.normalized(title: input.title)
        try ImageRules.require(
            ImageRules.check(topK: input.classification.topK, model: input.classification.model)
                + ImageRules.check(title: title) + ImageRules.check(idempotencyKey: input.idempotencyKey)
        )
        let fingerprint = input.idempotencyKey.map { _ in fingerprintOf(input, title: title) }
        if let key = input.idempotencyKey, let fingerprint,
            let replay = try unitOfWork.transaction({ try Self.replay(userID: input.userID, key: key, fingerprint: fingerprint, in: $0) })
        {
            return Output(details: replay, created: false)
        }
        if quota.isLimited {
            // Before the model runs; checked again below where it counts.
            let used = try unitOfWork.read { try $0.images.storedBytes(userID: input.userID, lockingOwner: false) }
            try quota.check(used: used, adding: input.bytes.count)
        }
        if let albumID = input.albumID {
            // Before the model runs too; checked again in the transaction, where an album deleted meanwhile undoes it all.
            try unitOfWork.read { try Self.requireAlbum(albumID, of: input.userID, in: $0) }
        }
        let (upload, classification) = try preparation.prepare(input.bytes, request: input.classification)
        let now = clock.now()
        do {
            let details = try unitOfWork.transaction { repositories in
                if quota.isLimited {
                    let used = try repositories.images.storedBytes(userID: input.userID, lockingOwner: true)
                    try quota.check(used: used, adding: upload.bytes.count)
                }
                let model = try ImagePreparation.modelReference(for: classification.model, in: repositories, at: now)
                let image = try repositories.images.insert(NewImage(
                    userID: input.userID, title: title, content: upload, idempotencyKey: input.idempotencyKey,
                    idempotencyFingerprint: fingerprint, createdAt: now
                ))
                try repositories.predictions.replaceCurrent(imageID: image.id, model: model, scores: classification.scores, at: now)
                if let albumID = input.albumID {
                    try Self.requireAlbum(albumID, of: input.userID, in: repositories)
                    _ = try repositories.albums.add(albumID: albumID, imageIDs: [image.id], userID: input.userID, at: now)
                }
                return try ImageDetails.load(id: image.id, userID: input.userID, includeBytes: false, from: repositories)
            }
            return Output(details: details, created: true)
        } catch let error as DomainError where error.code == .conflict {
            // A concurrent request with the same key won the race: answer with its image.
            guard let key = input.idempotencyKey, let fingerprint,
                let replay = try unitOfWork.transaction({ try Self.replay(userID: input.userID, key: key, fingerprint: fingerprint, in: $0) })
            else { throw error }
            return Output(details: replay, created: false)
        }
    }

    /// The image an earlier request with this key created, or nil; `validation` when that request differed.
    static func replay(userID: Int64, key: String, fingerprint: String, in repositories: any Repositories) throws -> ImageDetails? {
        guard let (image, stored) = try repositories.images.find(userID: userID, idempotencyKey: key) else { return nil }
        guard stored == fingerprint else { throw DomainError.idempotencyKeyReused }
        return try ImageDetails.load(id: image.id, userID: userID, includeBytes: false, from: repositories)
    }

    /// `validation` on `album_id` unless the album is one of the user's: an id of someone else's album learns
    /// nothing more than one that does not exist.
    static func requireAlbum(_ albumID: Int64, of userID: Int64, in repositories: any Repositories) throws {
        guard try repositories.albums.find(id: albumID, userID: userID) != nil else {
            throw DomainError.invalid("album_id", "No album of yours has this id; nothing was stored.")
        }
    }

    /// A digest of everything the request asked for (picture, title, model, top_k, album). Without an album the
    /// digest is the one earlier versions stored, so their keys still replay.
    private func fingerprintOf(_ input: Input, title: String?) -> String {
        let parts = [
            digester.sha256Hex(input.bytes), title ?? "", input.classification.model ?? "", String(input.classification.topK),
        ] + (input.albumID.map { ["album \($0)"] } ?? [])
        return digester.sha256Hex(Array(parts.joined(separator: "\n").utf8))
    }
}

extension DomainError {
    /// An idempotency key came back with a different request than the one it first created an image for.
    public static var idempotencyKeyReused: DomainError {
        DomainError(
            .validation, "This Idempotency-Key was already used for a different request.",
            fieldErrors: [FieldError(field: "Idempotency-Key", message: "Already used with a different request body.")]
        )
    }
}
