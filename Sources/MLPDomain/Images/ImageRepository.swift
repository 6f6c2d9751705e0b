import Foundation

/// Stores pictures. Every read that takes a `userID` sees only that user's images that are not deleted.
public protocol ImageRepository {
    /// Inserts the image row with its bytes and thumbnail; `conflict` when the user already used the
    /// idempotency key.
    func insert(_ image: NewImage) throws -> Image
    /// The active image with this id owned by `userID` (nil: any owner, for administration).
    func find(id: Int64, userID: Int64?) throws -> Image?
    /// What a detail view shows of the active image owned by `userID` (nil: any owner): metadata, current
    /// predictions, history count and, with `includeBytes`, the picture; read in one consistent step.
    func details(id: Int64, userID: Int64?, includeBytes: Bool) throws -> ImageDetails?
    /// The user's image created with this idempotency key, with the stored request fingerprint.
    func find(userID: Int64, idempotencyKey: String) throws -> (image: Image, fingerprint: String?)?
    /// The stored bytes of the active image owned by `userID` (nil: any owner).
    func content(id: Int64, userID: Int64?, variant: ImageVariant) throws -> ImageContent?
    /// The user's active images that `query` keeps, in its order, after its position, at most its limit, each with
    /// its current rank-1 prediction.
    func list(userID: Int64, _ query: ImageListQuery) throws -> [ImageSummary]
    /// The labels of the current predictions of the user's active images, each with the number of pictures
    /// carrying it (any rank, and as rank 1) and its best score; ordered by rank-1 pictures, then pictures
    /// (both descending), then label; at most `limit`, with the number of different labels.
    func labelCounts(userID: Int64, limit: Int) throws -> (counts: [LabelCount], total: Int)
    /// Per model, how the current predictions of the user's active pictures with a label of the user's agree
    /// with that label (case-insensitive); most labelled first.
    func agreement(userID: Int64) throws -> [ModelAgreement]
    /// The owner's own labels of the user's active pictures (compared ignoring case and accents), each with its
    /// number of pictures; most pictures first, then by label; at most `limit`.
    func userLabelCounts(userID: Int64, limit: Int) throws -> [UserLabelCount]
    /// The user's active pictures other than `imageID` whose current predictions share labels with `scores`
    /// (label → score, compared ignoring case), most similar first (then newest), at most `limit`; similarity is
    /// the sum over shared labels of the lower of the two scores (0 to 1 for probability scores).
    func similar(to scores: [String: Double], excluding imageID: Int64, userID: Int64, limit: Int) throws -> [SimilarImage]
    /// The user's active pictures other than `imageID` that have a label of the user's and a current prediction
    /// with one of `labels` (compared as the database compares labels), each with its label and those predictions
    /// (the others cannot add to a similarity with a picture of these labels); in no particular order.
    func labelledScores(sharingLabelsWith labels: [String], excluding imageID: Int64, userID: Int64) throws -> [PictureScores]
    /// Every active picture of the user that has current predictions, with them and its owner's label, by id.
    func currentScores(userID: Int64) throws -> [PictureScores]
    /// The user's active pictures among `ids`, each with its current rank-1 prediction, by id.
    func summaries(ids: [Int64], userID: Int64) throws -> [ImageSummary]
    /// The user's active pictures whose bytes have one of these SHA-256 digests (lower-case hex), oldest first,
    /// at most `limit`.
    func withDigests(_ digests: [String], userID: Int64, limit: Int) throws -> [ImageSummary]
    /// The user's active pictures that have the same bytes (SHA-256) as another of their active pictures, in
    /// groups of equal pictures, each oldest first; groups with the most copies first, then the most recently
    /// added; at most `limit` groups, with how many groups there are.
    func duplicateGroups(userID: Int64, limit: Int) throws -> (groups: [[ImageSummary]], total: Int)
    /// Ids of active images above `afterID` owned by `userID` (nil: any owner, for administration), ascending,
    /// at most `limit`.
    func activeIDs(userID: Int64?, afterID: Int64, limit: Int) throws -> [Int64]
    /// Bytes of the pictures (as uploaded) of the user's images that are not deleted. With `lockingOwner`
    /// the user's row stays locked until the transaction ends: uploads of one user then wait for each other.
    func storedBytes(userID: Int64, lockingOwner: Bool) throws -> Int
    /// Sets the user's kept total to the sum over their active images (after the owner's row is locked, so
    /// uploads of that user wait); returns the total before and after.
    func recountStoredBytes(userID: Int64) throws -> (before: Int, after: Int)
    /// Active pictures with a label of their owner's, as (id, label) by id after `afterID`, at most `limit`;
    /// of `userID`, or of every account when nil.
    func labelled(userID: Int64?, afterID: Int64, limit: Int) throws -> [(id: Int64, label: String)]
    /// Changes the title.
    func updateTitle(id: Int64, title: String?, at date: Date) throws
    /// Sets or removes (nil) the owner's label.
    func updateUserLabel(id: Int64, label: String?, at date: Date) throws
    /// Marks the active picture as one of its owner's favourites, or not; `updated_at` moves only when that changes it.
    func updateFavourite(id: Int64, favourite: Bool, at date: Date) throws
    /// Replaces the picture (bytes, thumbnail and facts).
    /// With `keepingUploadedDigest` (a turned file) the digest of the file as uploaded is kept for the lookups by
    /// digest (``withDigests(_:userID:limit:)``, `ImageListQuery.sha256`); a replacement forgets it.
    func replaceContent(id: Int64, with content: ImageUpload, at date: Date, keepingUploadedDigest: Bool) throws
    /// Ids of active pictures above `afterID` that have no time taken, ascending, at most `limit` (pictures
    /// stored before the platform read it at upload: JPEGs before migration 13, PNGs before it read `eXIf`).
    func undatedPictureIDs(afterID: Int64, limit: Int) throws -> [Int64]
    /// Records when an active picture without one was taken (a picture that has one keeps it).
    func setTakenAt(id: Int64, _ takenAt: CaptureTime) throws
    /// Marks the image deleted and removes its bytes, thumbnail and share link.
    func markDeleted(id: Int64, at date: Date) throws
    /// The user's active pictures beside `id` in the gallery in this order (latest first).
    func neighbours(id: Int64, userID: Int64, order: ImageOrder) throws -> PictureNeighbours
    /// Marks every active image of the user deleted and removes their bytes, thumbnails and share links, and the
    /// links of the user's albums (account deletion).
    func markAllDeleted(userID: Int64, at date: Date) throws
}

/// A picture found like another: its summary and how much their current predictions overlap.
public struct SimilarImage: Equatable, Sendable {
    public var summary: ImageSummary
    public var similarity: Double

    public init(summary: ImageSummary, similarity: Double) {
        self.summary = summary
        self.similarity = similarity
    }
}

/// An image in a list: metadata and its current best prediction.
public struct ImageSummary: Equatable, Sendable {
    public var image: Image
    public var topPrediction: Prediction?

    public init(image: Image, topPrediction: Prediction?) {
        self.image = image
        self.topPrediction = topPrediction
    }
}
