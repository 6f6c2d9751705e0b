import Foundation

/// The owner's albums: made, renamed, deleted, filled and emptied, and read a page at a time.
public struct AlbumsUseCase: Sendable {
    /// Albums one account may have.
    public static let maxAlbums = 200
    /// The longest name, in Unicode scalars.
    public static let maxNameLength = 100
    /// Pictures put into an album in one request at most.
    public static let maxPicturesAdded = 100

    /// What ``add(userID:albumID:imageIDs:)`` did with each id.
    public struct Added: Equatable, Sendable {
        /// The album, as read in the same transaction.
        public var album: Album
        /// The ids that are in the album now (put in now or before), in the order given, each once.
        public var added: [Int64]
        /// The ids that are no active picture of the caller's, in the order given, each once.
        public var notFound: [Int64]
    }

    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock = SystemClock()) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// The caller's albums by name.
    public func list(userID: Int64) throws -> [AlbumSummary] {
        try unitOfWork.read { try $0.albums.list(userID: userID, limit: Self.maxAlbums) }
    }

    /// A new album; `validation` (field `name`), `conflict` for a name in use or ``maxAlbums`` reached.
    public func create(userID: Int64, name: String) throws -> AlbumSummary {
        let name = try Self.validName(name)
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard try repositories.albums.count(userID: userID) < Self.maxAlbums else {
                throw DomainError(.conflict, "An account may have \(Self.maxAlbums) albums. Delete one it no longer needs first.")
            }
            let album = try repositories.albums.create(userID: userID, name: name, at: now)
            return AlbumSummary(album: album, pictureCount: 0, coverImageID: nil)
        }
    }

    /// One of the caller's albums; `albumNotFound` otherwise.
    public func get(userID: Int64, albumID: Int64) throws -> AlbumSummary {
        guard let found = try unitOfWork.read({ try $0.albums.find(id: albumID, userID: userID) }) else { throw DomainError.albumNotFound }
        return found
    }

    /// A page of the album's pictures in `order` (the latest uploaded or taken first), as ``ListImagesUseCase``
    /// pages the gallery.
    public func pictures(
        userID: Int64, albumID: Int64, limit: Int = ImageRules.defaultLimit, order: ImageOrder = .uploaded, after: ImageListPosition? = nil
    ) throws -> (album: AlbumSummary, page: ListImagesUseCase.Page) {
        guard ImageRules.limitRange.contains(limit) else {
            throw DomainError.invalid(
                "limit", "Must be an integer from \(ImageRules.limitRange.lowerBound) to \(ImageRules.limitRange.upperBound)."
            )
        }
        try ImageRules.require(ListImagesUseCase.positionErrors(after, order: order))
        // Two statements that stand alone (READ COMMITTED): no transaction needed.
        return try unitOfWork.read { repositories in
            guard let album = try repositories.albums.find(id: albumID, userID: userID) else { throw DomainError.albumNotFound }
            return (album, try ListImagesUseCase.albumPage(repositories, album: album, order: order, after: after, limit: limit))
        }
    }

    /// Renames; errors as ``create(userID:name:)`` and `albumNotFound`.
    public func rename(userID: Int64, albumID: Int64, name: String) throws -> AlbumSummary {
        let name = try Self.validName(name)
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard var found = try repositories.albums.find(id: albumID, userID: userID) else { throw DomainError.albumNotFound }
            try repositories.albums.rename(id: albumID, name: name, at: now)
            found.album.name = name
            found.album.updatedAt = now
            return found
        }
    }

    /// Deletes the album and returns it; its pictures stay. `albumNotFound` when it is not the caller's.
    @discardableResult
    public func delete(userID: Int64, albumID: Int64) throws -> Album {
        try unitOfWork.transaction { repositories in
            guard let found = try repositories.albums.find(id: albumID, userID: userID) else { throw DomainError.albumNotFound }
            try repositories.albums.delete(id: albumID)
            return found.album
        }
    }

    /// Puts pictures into the album, in one transaction. 1 to ``maxPicturesAdded`` ids (repeated ones counted);
    /// ids that are not the caller's active pictures change nothing and come back in `notFound`.
    public func add(userID: Int64, albumID: Int64, imageIDs: [Int64]) throws -> Added {
        guard !imageIDs.isEmpty else { throw DomainError.invalid("image_ids", "Name at least one picture.") }
        guard imageIDs.count <= Self.maxPicturesAdded else {
            throw DomainError.invalid("image_ids", "At most \(Self.maxPicturesAdded) pictures at a time.")
        }
        let unique = imageIDs.uniqued()
        let now = clock.now()
        let (album, inAlbum) = try unitOfWork.transaction { repositories in
            guard let found = try repositories.albums.find(id: albumID, userID: userID) else { throw DomainError.albumNotFound }
            return (found.album, try repositories.albums.add(albumID: albumID, imageIDs: unique, userID: userID, at: now))
        }
        return Added(album: album, added: unique.filter(inAlbum.contains), notFound: unique.filter { !inAlbum.contains($0) })
    }

    /// Takes a picture out of the album; `albumNotFound`, or `imageNotFound` when the picture is not in it.
    public func remove(userID: Int64, albumID: Int64, imageID: Int64) throws {
        try unitOfWork.transaction { repositories in
            guard try repositories.albums.find(id: albumID, userID: userID) != nil else { throw DomainError.albumNotFound }
            guard try repositories.albums.remove(albumID: albumID, imageID: imageID) else { throw DomainError.imageNotFound }
        }
    }

    /// Makes one of the album's pictures its cover (`imageID`), or lets the album show the picture put in last
    /// again (nil); the album as it is now. `albumNotFound`; `validation` (field `image_id`) when the album does
    /// not hold that active picture of the caller's, which is all an id of someone else's picture can learn.
    public func setCover(userID: Int64, albumID: Int64, imageID: Int64?) throws -> AlbumSummary {
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            guard try repositories.albums.find(id: albumID, userID: userID) != nil else { throw DomainError.albumNotFound }
            if let imageID, try !repositories.albums.contains(albumID: albumID, imageID: imageID) {
                throw DomainError.invalid("image_id", "That picture is not in this album. Put it in first.")
            }
            try repositories.albums.setCover(albumID: albumID, imageID: imageID, at: now)
            guard let updated = try repositories.albums.find(id: albumID, userID: userID) else { throw DomainError.albumNotFound }
            return updated
        }
    }

    /// The album and the picture's place in it, when the album is the caller's and holds the picture; else nil
    /// (a picture's page opened from an album), with the pictures beside it in `order`.
    public func place(
        userID: Int64, albumID: Int64, imageID: Int64, order: ImageOrder = .uploaded
    ) throws -> (album: Album, neighbours: PictureNeighbours)? {
        try unitOfWork.read { repositories in
            guard let found = try repositories.albums.find(id: albumID, userID: userID),
                  try repositories.albums.contains(albumID: albumID, imageID: imageID) else { return nil }
            return (found.album, try repositories.albums.neighbours(albumID: albumID, imageID: imageID, order: order))
        }
    }

    /// The caller's albums that hold the picture (for its page).
    public func albums(userID: Int64, containing imageID: Int64) throws -> [Album] {
        try unitOfWork.read { try $0.albums.albums(containing: imageID, userID: userID) }
    }

    /// The name trimmed: 1 to ``maxNameLength`` characters, no control characters.
    static func validName(_ name: String) throws -> String {
        try GivenName.validated(name, field: "name", maxLength: maxNameLength, emptyMessage: "Give the album a name.")
    }
}
