import Foundation

/// A named group of an account's pictures, which the owner makes and fills; a picture may be in several albums,
/// and deleting an album leaves its pictures where they are.
public struct Album: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, userID: Int64, name: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// An album with how many active pictures it holds and its cover: the picture the owner chose, while the album
/// holds it and it is active, else the one most recently added.
public struct AlbumSummary: Equatable, Sendable {
    public var album: Album
    public var pictureCount: Int
    public var coverImageID: Int64?
    /// Whether the cover is the owner's choice (``AlbumsUseCase/setCover(userID:albumID:imageID:)``), not the
    /// picture put in last.
    public var coverChosen: Bool

    public init(album: Album, pictureCount: Int, coverImageID: Int64?, coverChosen: Bool = false) {
        self.album = album
        self.pictureCount = pictureCount
        self.coverImageID = coverImageID
        self.coverChosen = coverChosen
    }
}

/// Albums and what they hold. Every method that takes a `userID` sees only that account's albums, and only
/// its active (not deleted) pictures count or are listed.
public protocol AlbumRepository {
    /// A new album; `conflict` when the account has one of that name already (names compare ignoring case).
    func create(userID: Int64, name: String, at date: Date) throws -> Album
    /// The account's albums by name, each with its count and cover; at most `limit`.
    func list(userID: Int64, limit: Int) throws -> [AlbumSummary]
    /// How many albums the account has.
    func count(userID: Int64) throws -> Int
    /// One of the account's albums with its count and cover.
    func find(id: Int64, userID: Int64) throws -> AlbumSummary?
    /// Renames; `conflict` as for ``create(userID:name:at:)``.
    func rename(id: Int64, name: String, at date: Date) throws
    /// Deletes the album and what it lists (not the pictures).
    func delete(id: Int64) throws
    /// Puts the account's active pictures among `imageIDs` into the album (those already in stay as they are);
    /// the ids that are the account's active pictures, put in now or before.
    func add(albumID: Int64, imageIDs: [Int64], userID: Int64, at date: Date) throws -> Set<Int64>
    /// Takes a picture out of the album; whether it was in. When it was the chosen cover, the choice goes too.
    func remove(albumID: Int64, imageID: Int64) throws -> Bool
    /// Makes the picture the album's cover, or (nil) lets the album show the picture put in last again. The
    /// caller has checked that the album holds the picture.
    func setCover(albumID: Int64, imageID: Int64?, at date: Date) throws
    /// The album's active pictures after `after` in `order` (the latest uploaded or taken first), at most `limit`.
    /// `album` is the album as just read: its owner and size let the store choose how to read them.
    func pictures(in album: AlbumSummary, order: ImageOrder, after: ImageListPosition?, limit: Int) throws -> [ImageSummary]
    /// The ids of the album's active pictures above `afterID`, ascending, at most `limit` (an album's download).
    func pictureIDs(albumID: Int64, afterID: Int64, limit: Int) throws -> [Int64]
    /// Whether the album holds the picture and the picture is active.
    func contains(albumID: Int64, imageID: Int64) throws -> Bool
    /// Where the picture stands among the album's active pictures in `order` (latest first): the pictures next to it
    /// and its place (one picture page leading to the next).
    func neighbours(albumID: Int64, imageID: Int64, order: ImageOrder) throws -> PictureNeighbours
    /// The account's albums that hold the picture, by name.
    func albums(containing imageID: Int64, userID: Int64) throws -> [Album]
}

extension DomainError {
    /// No album with this id among the caller's.
    public static var albumNotFound: DomainError { DomainError(.notFound, "No album with this id.") }
}
