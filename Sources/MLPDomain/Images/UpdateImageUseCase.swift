import Foundation

/// Changes one of the caller's images: its title, or the picture itself (which is classified again; the
/// earlier predictions stay as history).
public struct UpdateImageUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let preparation: ImagePreparation
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
        self.clock = clock
        self.quota = quota
    }

    /// Sets the title (nil or blank removes it). `notFound`, or `validation` (field `title`).
    public func rename(userID: Int64, imageID: Int64, title: String?) throws -> ImageDetails {
        let title = ImageRules.normalized(title: title)
        try ImageRules.require(ImageRules.check(title: title))
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard try repositories.images.find(id: imageID, userID: userID) != nil else { throw DomainError.imageNotFound }
            try repositories.images.updateTitle(id: imageID, title: title, at: now)
            return try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
        }
    }

    /// Sets what the owner says the picture shows (surrounding blanks trimmed), or removes it with nil. The
    /// model's labels are left as they are. `notFound`, or `validation` (field `label`).
    public func label(userID: Int64, imageID: Int64, as label: String?) throws -> ImageDetails {
        let label = label?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let label { try ImageRules.require(ImageRules.check(userLabel: label)) }
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard try repositories.images.find(id: imageID, userID: userID) != nil else { throw DomainError.imageNotFound }
            try repositories.images.updateUserLabel(id: imageID, label: label, at: now)
            return try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
        }
    }

    /// Marks the picture as one of the owner's favourites, or takes it out of them; doing it twice changes nothing
    /// (the picture's `updated_at` moves only when it changes). `notFound`.
    public func favourite(userID: Int64, imageID: Int64, _ favourite: Bool) throws -> ImageDetails {
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard try repositories.images.find(id: imageID, userID: userID) != nil else { throw DomainError.imageNotFound }
            try repositories.images.updateFavourite(id: imageID, favourite: favourite, at: now)
            return try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
        }
    }

    /// Pictures one call of ``label(userID:imageIDs:as:)`` may label.
    public static let maxLabelledAtOnce = 100

    /// Gives several of the caller's pictures the same label of the owner's own, in one transaction (all or
    /// none); ids that are not the caller's pictures, or are deleted, are skipped. The label as stored, the ids
    /// labelled and those skipped, in the order given, each once; `validation` (field `label` as for
    /// ``label(userID:imageID:as:)``, field `image_ids` for more than ``maxLabelledAtOnce`` ids, repeated ones
    /// counted) before anything changes.
    public func label(
        userID: Int64, imageIDs: [Int64], as label: String
    ) throws -> (label: String, labelled: [Int64], notFound: [Int64]) {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        let ids = imageIDs.uniqued()
        var problems = ImageRules.check(userLabel: label)
        if imageIDs.count > Self.maxLabelledAtOnce {
            problems.append(.init(field: "image_ids", message: "At most \(Self.maxLabelledAtOnce) pictures at a time."))
        }
        try ImageRules.require(problems)
        let now = clock.now()
        let labelled = try unitOfWork.transaction { repositories in
            try ids.filter { id in
                guard try repositories.images.find(id: id, userID: userID) != nil else { return false }
                try repositories.images.updateUserLabel(id: id, label: label, at: now)
                return true
            }
        }
        let done = Set(labelled)
        return (label, labelled, ids.filter { !done.contains($0) })
    }

    /// Replaces the picture and classifies it; with `title` also sets the title. Errors as for an upload
    /// (the quota counts the new picture instead of the old one), plus `notFound`.
    public func replace(
        userID: Int64, imageID: Int64, bytes: [UInt8], title: String?, classification: ClassificationRequest = ClassificationRequest()
    ) throws -> ImageDetails {
        let title = ImageRules.normalized(title: title)
        try ImageRules.require(ImageRules.check(topK: classification.topK, model: classification.model) + ImageRules.check(title: title))
        return try store(userID: userID, imageID: imageID, bytes: bytes, title: title, classification: classification)
    }

    /// ``replace(userID:imageID:bytes:title:classification:)`` after its checks; with `replacing`, `conflict` when
    /// the stored picture is no longer the one of that SHA-256 (someone replaced it meanwhile).
    func store(
        userID: Int64, imageID: Int64, bytes: [UInt8], title: String?, classification: ClassificationRequest, replacing: String? = nil
    ) throws -> ImageDetails {
        // Refuse early for someone else's id, before spending a model run on it.
        guard let old = try unitOfWork.transaction({ try $0.images.find(id: imageID, userID: userID) }) else {
            throw DomainError.imageNotFound
        }
        if quota.isLimited {
            let used = try unitOfWork.read { try $0.images.storedBytes(userID: userID, lockingOwner: false) }
            try quota.check(used: used, adding: bytes.count, freeing: old.byteSize)
        }
        let (upload, result) = try preparation.prepare(bytes, request: classification)
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            // Locking the owner's row serialises this account's replacements: the quota counts every one of them, and
            // two turns of one picture at once do not both start from the same file (the second sees the first's).
            let used = quota.isLimited || replacing != nil ? try repositories.images.storedBytes(userID: userID, lockingOwner: true) : 0
            guard let current = try repositories.images.find(id: imageID, userID: userID) else { throw DomainError.imageNotFound }
            if let replacing, current.sha256 != replacing {
                throw DomainError(.conflict, "The picture was replaced meanwhile. Nothing was changed; try again.")
            }
            try quota.check(used: used, adding: upload.bytes.count, freeing: current.byteSize)
            let model = try ImagePreparation.modelReference(for: result.model, in: repositories, at: now)
            try repositories.images.replaceContent(id: imageID, with: upload, at: now, keepingUploadedDigest: replacing != nil)
            if let title { try repositories.images.updateTitle(id: imageID, title: title, at: now) }
            try repositories.predictions.replaceCurrent(imageID: imageID, model: model, scores: result.scores, at: now)
            return try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
        }
    }
}
