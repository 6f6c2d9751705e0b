import Foundation
import MLPDomain

/// The users fake does not hold images: the image routes are tested over `InMemoryImageStore` instead,
/// and a use case that reached these by mistake gets an error, not a silent answer.
extension InMemoryRepositories {
    var images: any ImageRepository { UnwiredImageRepositories() }
    var predictions: any PredictionRepository { UnwiredImageRepositories() }
    var models: any ModelRepository { UnwiredImageRepositories() }
    var shares: any ImageShareRepository { UnwiredImageRepositories() }
    var albums: any AlbumRepository { UnwiredImageRepositories() }
    var albumShares: any AlbumShareRepository { UnwiredAlbumShares() }
}

/// Album links that refuse every call.
struct UnwiredAlbumShares: AlbumShareRepository {
    private var unwired: DomainError { DomainError(.unavailable, "image repositories are not wired in this fake") }
    func find(albumID: Int64) throws -> AlbumShare? { throw unwired }
    func find(token: String) throws -> (share: AlbumShare, album: Album)? { throw unwired }
    func insert(_ share: AlbumShare) throws { throw unwired }
    func delete(albumID: Int64) throws -> Bool { throw unwired }
    func delete(token: String) throws -> AlbumShare? { throw unwired }
    func list(userID: Int64?, limit: Int) throws -> (items: [SharedAlbum], total: Int) { throw unwired }
}

/// Image repositories that refuse every call.
struct UnwiredImageRepositories: ImageRepository, PredictionRepository, ModelRepository, ImageShareRepository, AlbumRepository {
    private var unwired: DomainError { DomainError(.unavailable, "image repositories are not wired in this fake") }
    func insert(_ image: NewImage) throws -> Image { throw unwired }
    func find(id: Int64, userID: Int64?) throws -> Image? { throw unwired }
    func details(id: Int64, userID: Int64?, includeBytes: Bool) throws -> ImageDetails? { throw unwired }
    func find(userID: Int64, idempotencyKey: String) throws -> (image: Image, fingerprint: String?)? { throw unwired }
    func content(id: Int64, userID: Int64?, variant: ImageVariant) throws -> ImageContent? { throw unwired }
    func list(userID: Int64, _ query: ImageListQuery) throws -> [ImageSummary] { throw unwired }
    func labelCounts(userID: Int64, limit: Int) throws -> (counts: [LabelCount], total: Int) { throw unwired }
    func agreement(userID: Int64) throws -> [ModelAgreement] { throw unwired }
    func activeIDs(userID: Int64?, afterID: Int64, limit: Int) throws -> [Int64] { throw unwired }
    func withDigests(_ digests: [String], userID: Int64, limit: Int) throws -> [ImageSummary] { throw unwired }
    func duplicateGroups(userID: Int64, limit: Int) throws -> (groups: [[ImageSummary]], total: Int) { throw unwired }
    func similar(to scores: [String: Double], excluding imageID: Int64, userID: Int64, limit: Int) throws -> [SimilarImage] { throw unwired }
    func labelledScores(sharingLabelsWith labels: [String], excluding imageID: Int64, userID: Int64) throws -> [PictureScores] {
        throw unwired
    }
    func currentScores(userID: Int64) throws -> [PictureScores] { throw unwired }
    func userLabelCounts(userID: Int64, limit: Int) throws -> [UserLabelCount] { throw unwired }
    func summaries(ids: [Int64], userID: Int64) throws -> [ImageSummary] { throw unwired }
    func storedBytes(userID: Int64, lockingOwner: Bool) throws -> Int { throw unwired }
    func recountStoredBytes(userID: Int64) throws -> (before: Int, after: Int) { throw unwired }
    func updateTitle(id: Int64, title: String?, at date: Date) throws { throw unwired }
    func undatedPictureIDs(afterID: Int64, limit: Int) throws -> [Int64] { throw unwired }
    func setTakenAt(id: Int64, _ takenAt: CaptureTime) throws { throw unwired }
    func updateUserLabel(id: Int64, label: String?, at date: Date) throws { throw unwired }
    func updateFavourite(id: Int64, favourite: Bool, at date: Date) throws { throw unwired }
    func labelled(userID: Int64?, afterID: Int64, limit: Int) throws -> [(id: Int64, label: String)] { throw unwired }
    func replaceContent(id: Int64, with content: ImageUpload, at date: Date, keepingUploadedDigest: Bool) throws { throw unwired }
    func markDeleted(id: Int64, at date: Date) throws { throw unwired }
    func neighbours(id: Int64, userID: Int64, order: ImageOrder) throws -> PictureNeighbours { throw unwired }
    /// The users fake holds no images, so deleting an account has none to delete.
    func markAllDeleted(userID: Int64, at date: Date) throws {}
    func replaceCurrent(imageID: Int64, model: ModelReference, scores: [ClassScore], at date: Date) throws { throw unwired }
    func current(imageID: Int64) throws -> [Prediction] { throw unwired }
    func all(imageID: Int64, limit: Int?) throws -> [Prediction] { throw unwired }
    func upsert(_ model: ModelDescriptor, at date: Date) throws -> ModelReference { throw unwired }
    func find(name: String, version: String) throws -> ModelReference? { throw unwired }
    func find(imageID: Int64) throws -> ImageShare? { throw unwired }
    func find(token: String) throws -> ImageShare? { throw unwired }
    func insert(_ share: ImageShare) throws { throw unwired }
    func delete(imageID: Int64) throws -> Bool { throw unwired }
    func list(userID: Int64?, limit: Int) throws -> (items: [SharedImage], total: Int) { throw unwired }
    func delete(token: String) throws -> ImageShare? { throw unwired }
    func create(userID: Int64, name: String, at date: Date) throws -> Album { throw unwired }
    func list(userID: Int64, limit: Int) throws -> [AlbumSummary] { throw unwired }
    func count(userID: Int64) throws -> Int { throw unwired }
    func find(id: Int64, userID: Int64) throws -> AlbumSummary? { throw unwired }
    func rename(id: Int64, name: String, at date: Date) throws { throw unwired }
    func delete(id: Int64) throws { throw unwired }
    func add(albumID: Int64, imageIDs: [Int64], userID: Int64, at date: Date) throws -> Set<Int64> { throw unwired }
    func remove(albumID: Int64, imageID: Int64) throws -> Bool { throw unwired }
    func setCover(albumID: Int64, imageID: Int64?, at date: Date) throws { throw unwired }
    func contains(albumID: Int64, imageID: Int64) throws -> Bool { throw unwired }
    func pictureIDs(albumID: Int64, afterID: Int64, limit: Int) throws -> [Int64] { throw unwired }
    func neighbours(albumID: Int64, imageID: Int64, order: ImageOrder) throws -> PictureNeighbours { throw unwired }
    func pictures(in album: AlbumSummary, order: ImageOrder, after: ImageListPosition?, limit: Int) throws -> [ImageSummary] { throw unwired }
    func albums(containing imageID: Int64, userID: Int64) throws -> [Album] { throw unwired }
}
