import Foundation
import MLPDomain

/// Fake image, prediction and model repositories over a working copy of ``InMemoryImageStore/State``.
final class InMemoryImageRepositories: Repositories, ImageRepository, PredictionRepository, ModelRepository, ImageShareRepository {
    var state: InMemoryImageStore.State
    /// The accounts' store whose sessions ``sessions`` reaches, if any.
    let usersStore: InMemoryStore?

    init(state: InMemoryImageStore.State, users: InMemoryStore? = nil) {
        self.state = state
        self.usersStore = users
    }

    var users: any UserRepository { fatalError("not used by image use cases") }
    var sessions: any SessionRepository {
        guard let usersStore else { fatalError("no accounts' store wired to this image store") }
        return ForwardedSessions(store: usersStore)
    }
    var loginAttempts: any LoginAttemptRepository { fatalError("not used by image use cases") }
    var images: any ImageRepository { self }
    var predictions: any PredictionRepository { self }
    var models: any ModelRepository { self }
    var shares: any ImageShareRepository { self }
    var albums: any AlbumRepository { InMemoryAlbums(repositories: self) }
    var albumShares: any AlbumShareRepository { InMemoryAlbumShares(repositories: self) }

    func makeID() -> Int64 {
        defer { state.nextID += 1 }
        return state.nextID
    }

    func insert(_ new: NewImage) throws -> Image {
        if let key = new.idempotencyKey, state.images.values.contains(where: { $0.image.userID == new.userID && $0.key == key }) {
            throw DomainError(.conflict, "key in use")
        }
        let facts = new.content.facts
        let image = Image(
            id: makeID(), userID: new.userID, title: new.title, contentType: facts.contentType, byteSize: new.content.bytes.count,
            width: facts.width, height: facts.height, sha256: new.content.sha256, createdAt: new.createdAt, updatedAt: new.createdAt,
            takenAt: facts.takenAt
        )
        state.images[image.id] = .init(
            image: image, bytes: new.content.bytes, thumbnail: new.content.thumbnail, key: new.idempotencyKey,
            fingerprint: new.idempotencyFingerprint
        )
        return image
    }

    func active(_ id: Int64, _ userID: Int64?) -> InMemoryImageStore.StoredImage? {
        guard let stored = state.images[id], !stored.isDeleted, userID == nil || stored.image.userID == userID else { return nil }
        return stored
    }

    func find(id: Int64, userID: Int64?) throws -> Image? { active(id, userID)?.image }

    func details(id: Int64, userID: Int64?, includeBytes: Bool) throws -> ImageDetails? {
        guard let stored = active(id, userID) else { return nil }
        return ImageDetails(
            image: stored.image, predictions: try current(imageID: id), historyCount: historyCount(imageID: id),
            bytes: includeBytes ? stored.bytes : nil
        )
    }

    func find(userID: Int64, idempotencyKey: String) throws -> (image: Image, fingerprint: String?)? {
        state.images.values.first { $0.image.userID == userID && $0.key == idempotencyKey }.map { ($0.image, $0.fingerprint) }
    }

    func content(id: Int64, userID: Int64?, variant: ImageVariant) throws -> ImageContent? {
        guard let stored = active(id, userID) else { return nil }
        switch variant {
        case .original:
            return stored.bytes.map { ImageContent(bytes: $0, contentType: stored.image.contentType, sha256: stored.image.sha256, title: stored.image.title) }
        case .thumbnail:
            return stored.thumbnail.map { ImageContent(bytes: $0, contentType: "image/jpeg", sha256: "thumb-\(id)", title: stored.image.title) }
        }
    }

    func list(userID: Int64, _ query: ImageListQuery) throws -> [ImageSummary] {
        let (label, text, agreement, sha256) = (query.label, query.text, query.agreement, query.sha256)
        let kept = state.images.values.filter { stored in
            !stored.isDeleted && stored.image.userID == userID && query.favourite.map { stored.image.favourite == $0 } ?? true
        }
        let scored = kept.filter { self.topScore($0.image.id, isAtMost: query.maxScore) }
        let dated = scored.filter { query.dayOfYear?.holds($0.image.timeline) ?? true }
        let rows = dated
            .filter { stored in query.after.map { Self.isBefore(stored.image, $0, in: query.order) } ?? true }
            .filter { sha256 == nil || $0.image.sha256 == sha256 || $0.uploadedSHA256 == sha256 }
            .filter { stored in query.timelineFrom.map { stored.image.timeline >= $0 } ?? true }
            .filter { stored in query.timelineBefore.map { stored.image.timeline < $0 } ?? true }
            .filter { stored in
                guard let label else { return true }
                let wanted = label.text.lowercased()
                return self.currentSet(stored.image.id).contains {
                    label.match == .exact ? $0.label.lowercased() == wanted : $0.label.lowercased().contains(wanted)
                }
            }
            .filter { stored in
                guard let text = text?.lowercased() else { return true }
                return stored.image.title?.lowercased().contains(text) == true
                    || stored.image.userLabel?.lowercased().contains(text) == true
                    || self.currentSet(stored.image.id).contains { $0.label.lowercased().contains(text) }
            }
            .filter { stored in
                guard let agreement else { return true }
                let top = self.currentSet(stored.image.id).first { $0.rank == 1 }?.label.lowercased()
                switch agreement {
                case .agree: return stored.image.userLabel != nil && stored.image.userLabel?.lowercased() == top
                case .disagree: return stored.image.userLabel != nil && stored.image.userLabel?.lowercased() != top
                case .unlabelled: return stored.image.userLabel == nil
                }
            }
            .sorted { Self.isBefore($1.image, $0.image.listPosition, in: query.order) }.prefix(query.limit)
        return rows.map { ImageSummary(image: $0.image, topPrediction: currentSet($0.image.id).first) }
    }

    func labelCounts(userID: Int64, limit: Int) throws -> (counts: [LabelCount], total: Int) {
        var counts: [String: LabelCount] = [:]
        for stored in state.images.values where !stored.isDeleted && stored.image.userID == userID {
            // A label may come twice in one set; the picture counts once.
            let byLabel = Dictionary(grouping: currentSet(stored.image.id)) { $0.label.lowercased() }
            for (key, predictions) in byLabel {
                var count = counts[key] ?? LabelCount(label: predictions[0].label, images: 0, topImages: 0, bestScore: 0)
                count.images += 1
                if predictions.contains(where: { $0.rank == 1 }) { count.topImages += 1 }
                count.bestScore = max(count.bestScore, predictions.map(\.score).max() ?? 0)
                counts[key] = count
            }
        }
        let ordered = counts.values.sorted {
            ($1.topImages, $1.images, $0.label.lowercased()) < ($0.topImages, $0.images, $1.label.lowercased())
        }
        return (Array(ordered.prefix(limit)), counts.count)
    }

    func agreement(userID: Int64) throws -> [ModelAgreement] {
        var byModel: [String: ModelAgreement] = [:]
        for stored in state.images.values where !stored.isDeleted && stored.image.userID == userID {
            guard let label = stored.image.userLabel?.lowercased() else { continue }
            let current = currentSet(stored.image.id)
            guard let model = current.first?.model else { continue }
            var entry = byModel[model.name + " " + model.version]
                ?? ModelAgreement(model: model.name, version: model.version, labelled: 0, topMatches: 0, anyMatches: 0)
            entry.labelled += 1
            if current.contains(where: { $0.rank == 1 && $0.label.lowercased() == label }) { entry.topMatches += 1 }
            if current.contains(where: { $0.label.lowercased() == label }) { entry.anyMatches += 1 }
            byModel[model.name + " " + model.version] = entry
        }
        return byModel.values.sorted { ($1.labelled, $0.model, $0.version) < ($0.labelled, $1.model, $1.version) }
    }

    func similar(to scores: [String: Double], excluding imageID: Int64, userID: Int64, limit: Int) throws -> [SimilarImage] {
        let found: [SimilarImage] = state.images.values.compactMap { stored in
            guard !stored.isDeleted, stored.image.userID == userID, stored.image.id != imageID else { return nil }
            let shared = currentSet(stored.image.id).compactMap { prediction in
                scores[prediction.label.lowercased()].map { min($0, prediction.score) }
            }
            guard !shared.isEmpty else { return nil }
            return SimilarImage(
                summary: ImageSummary(image: stored.image, topPrediction: currentSet(stored.image.id).first),
                similarity: shared.reduce(0, +)
            )
        }
        return Array(found.sorted { ($1.similarity, $1.summary.image.id) < ($0.similarity, $0.summary.image.id) }.prefix(limit))
    }

    func labelledScores(sharingLabelsWith labels: [String], excluding imageID: Int64, userID: Int64) throws -> [PictureScores] {
        let keys = Set(labels.map(ImageRules.labelKey))
        return state.images.values.compactMap { stored in
            guard !stored.isDeleted, stored.image.userID == userID, stored.image.id != imageID, let label = stored.image.userLabel else { return nil }
            let shared = currentSet(stored.image.id).filter { keys.contains(ImageRules.labelKey($0.label)) }
            return shared.isEmpty ? nil : PictureScores(imageID: stored.image.id, userLabel: label, predictions: shared.map { ($0.label, $0.score) })
        }
    }

    func userLabelCounts(userID: Int64, limit: Int) throws -> [UserLabelCount] {
        var counts: [(label: String, images: Int)] = []
        for stored in state.images.values.sorted(by: { $0.image.id < $1.image.id }) where !stored.isDeleted && stored.image.userID == userID {
            guard let label = stored.image.userLabel else { continue }
            if let index = counts.firstIndex(where: { ImageRules.sameLabel($0.label, label) }) {
                counts[index] = (min(counts[index].label, label), counts[index].images + 1)
            } else {
                counts.append((label, 1))
            }
        }
        return counts.sorted { ($1.images, $0.label) < ($0.images, $1.label) }.prefix(limit).map { UserLabelCount(label: $0.label, images: $0.images) }
    }

    func currentScores(userID: Int64) throws -> [PictureScores] {
        state.images.values.filter { !$0.isDeleted && $0.image.userID == userID && !currentSet($0.image.id).isEmpty }
            .sorted { $0.image.id < $1.image.id }
            .map { PictureScores(imageID: $0.image.id, userLabel: $0.image.userLabel, predictions: currentSet($0.image.id).map { ($0.label, $0.score) }) }
    }

    func summaries(ids: [Int64], userID: Int64) throws -> [ImageSummary] {
        state.images.values.filter { !$0.isDeleted && $0.image.userID == userID && ids.contains($0.image.id) }
            .sorted { $0.image.id < $1.image.id }
            .map { ImageSummary(image: $0.image, topPrediction: currentSet($0.image.id).first) }
    }

    func duplicateGroups(userID: Int64, limit: Int) throws -> (groups: [[ImageSummary]], total: Int) {
        let active = state.images.values.filter { !$0.isDeleted && $0.image.userID == userID }
        let groups = Dictionary(grouping: active) { $0.image.sha256 }.values.filter { $0.count > 1 }
            .map { group in group.sorted { $0.image.id < $1.image.id }.map { ImageSummary(image: $0.image, topPrediction: currentSet($0.image.id).first) } }
            .sorted { ($1.count, $1.last?.image.id ?? 0) < ($0.count, $0.last?.image.id ?? 0) }
        return (Array(groups.prefix(limit)), groups.count)
    }

    func withDigests(_ digests: [String], userID: Int64, limit: Int) throws -> [ImageSummary] {
        let found = state.images.values.filter { stored in
            !stored.isDeleted && stored.image.userID == userID
                && (digests.contains(stored.image.sha256) || stored.uploadedSHA256.map(digests.contains) == true)
        }
            .sorted { $0.image.id < $1.image.id }
        return found.prefix(limit).map { ImageSummary(image: $0.image, topPrediction: currentSet($0.image.id).first) }
    }

    func storedBytes(userID: Int64, lockingOwner: Bool) throws -> Int {
        state.images.values.filter { !$0.isDeleted && $0.image.userID == userID }.reduce(0) { $0 + $1.image.byteSize }
    }

    func recountStoredBytes(userID: Int64) throws -> (before: Int, after: Int) {
        let total = try storedBytes(userID: userID, lockingOwner: true)
        return (total, total)
    }

    func activeIDs(userID: Int64?, afterID: Int64, limit: Int) throws -> [Int64] {
        Array(state.images.values.filter { active($0.image.id, userID) != nil && $0.image.id > afterID }.map(\.image.id).sorted().prefix(limit))
    }

    func updateTitle(id: Int64, title: String?, at date: Date) throws {
        state.images[id]?.image.title = title
        state.images[id]?.image.updatedAt = date
    }

    func labelled(userID: Int64?, afterID: Int64, limit: Int) throws -> [(id: Int64, label: String)] {
        Array(state.images.values.filter { !$0.isDeleted && $0.image.id > afterID && $0.image.userLabel != nil && (userID == nil || $0.image.userID == userID) }
            .sorted { $0.image.id < $1.image.id }.prefix(limit).map { ($0.image.id, $0.image.userLabel ?? "") })
    }

    func updateUserLabel(id: Int64, label: String?, at date: Date) throws {
        state.images[id]?.image.userLabel = label
        state.images[id]?.image.updatedAt = date
    }

    /// Whether the picture's current top label scores at most `max` (any picture without a limit; none without a top label).
    private func topScore(_ id: Int64, isAtMost max: Double?) -> Bool {
        guard let max else { return true }
        guard let top = currentSet(id).first(where: { $0.rank == 1 }) else { return false }
        return top.score <= max
    }

    func updateFavourite(id: Int64, favourite: Bool, at date: Date) throws {
        guard let stored = state.images[id], !stored.isDeleted, stored.image.favourite != favourite else { return }
        state.images[id]?.image.favourite = favourite
        state.images[id]?.image.updatedAt = date
    }

    func undatedPictureIDs(afterID: Int64, limit: Int) throws -> [Int64] {
        Array(state.images.values.filter { !$0.isDeleted && $0.image.id > afterID && $0.image.takenAt == nil }
            .map(\.image.id).sorted().prefix(limit))
    }

    func setTakenAt(id: Int64, _ takenAt: CaptureTime) throws {
        guard state.images[id]?.isDeleted == false, state.images[id]?.image.takenAt == nil else { return }
        state.images[id]?.image.takenAt = takenAt
    }

    func replaceContent(id: Int64, with content: ImageUpload, at date: Date, keepingUploadedDigest: Bool) throws {
        let uploaded = state.images[id].flatMap { $0.uploadedSHA256 ?? $0.image.sha256 }
        state.images[id]?.uploadedSHA256 = keepingUploadedDigest ? uploaded : nil
        state.images[id]?.bytes = content.bytes
        state.images[id]?.thumbnail = content.thumbnail
        state.images[id]?.image.sha256 = content.sha256
        state.images[id]?.image.byteSize = content.bytes.count
        state.images[id]?.image.contentType = content.facts.contentType
        state.images[id]?.image.width = content.facts.width
        state.images[id]?.image.height = content.facts.height
        state.images[id]?.image.takenAt = content.facts.takenAt
        state.images[id]?.image.updatedAt = date
    }

    func markDeleted(id: Int64, at date: Date) throws {
        state.images[id]?.isDeleted = true
        state.images[id]?.bytes = nil
        state.images[id]?.thumbnail = nil
        state.shares[id] = nil
        for album in state.albumImages.keys { state.albumImages[album]?[id] = nil }
    }

    func neighbours(id: Int64, userID: Int64, order: ImageOrder) throws -> PictureNeighbours {
        guard let picture = state.images[id]?.image, picture.userID == userID else { return PictureNeighbours(newer: nil, older: nil) }
        let sorted = state.images.values.filter { $0.image.userID == userID && !$0.isDeleted }.map(\.image)
            .sorted { Self.isBefore($1, $0.listPosition, in: order) }
        return PictureNeighbours(
            newer: sorted.last { Self.isBefore(picture, $0.listPosition, in: order) }?.id,
            older: sorted.first { Self.isBefore($0, picture.listPosition, in: order) }?.id
        )
    }

    /// Whether `image` comes after `position` in a list in `order` (latest first).
    static func isBefore(_ image: Image, _ position: ImageListPosition, in order: ImageOrder) -> Bool {
        switch order {
        case .uploaded: return image.id < position.id
        case .taken:
            let timeline = position.timeline ?? .distantFuture
            return image.timeline < timeline || (image.timeline == timeline && image.id < position.id)
        }
    }

    func markAllDeleted(userID: Int64, at date: Date) throws {
        for (id, stored) in state.images where stored.image.userID == userID && !stored.isDeleted { try markDeleted(id: id, at: date) }
        for album in state.albums.values where album.userID == userID { state.albumShares[album.id] = nil }
    }

    func currentSet(_ imageID: Int64) -> [Prediction] {
        state.predictions.filter { $0.imageID == imageID && $0.prediction.isCurrent }.map(\.prediction).sorted { $0.rank < $1.rank }
    }

    func replaceCurrent(imageID: Int64, model: ModelReference, scores: [ClassScore], at date: Date) throws {
        for index in state.predictions.indices where state.predictions[index].imageID == imageID {
            state.predictions[index].prediction.isCurrent = false
        }
        for (offset, score) in scores.enumerated() {
            state.predictions.append(.init(imageID: imageID, prediction: Prediction(
                rank: offset + 1, classIndex: score.classIndex, label: score.label, score: score.score, model: model,
                isCurrent: true, createdAt: date
            )))
        }
    }

    func current(imageID: Int64) throws -> [Prediction] { currentSet(imageID) }

    func all(imageID: Int64, limit: Int?) throws -> [Prediction] {
        let sorted = state.predictions.filter { $0.imageID == imageID }.map(\.prediction).sorted {
            ($0.isCurrent ? 1 : 0, $0.createdAt, -$0.rank) > ($1.isCurrent ? 1 : 0, $1.createdAt, -$1.rank)
        }
        return Array(sorted.prefix(limit ?? sorted.count))
    }

    private func historyCount(imageID: Int64) -> Int {
        state.predictions.filter { $0.imageID == imageID && !$0.prediction.isCurrent }.count
    }

    func upsert(_ model: ModelDescriptor, at date: Date) throws -> ModelReference {
        if let found = try find(name: model.name, version: model.version) { return found }
        let reference = ModelReference(id: makeID(), name: model.name, version: model.version)
        state.models.append(reference)
        return reference
    }

    func find(name: String, version: String) throws -> ModelReference? {
        state.models.first { $0.name == name && $0.version == version }
    }
}
