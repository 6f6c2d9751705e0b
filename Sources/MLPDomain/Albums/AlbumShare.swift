import Foundation

/// A link that shows one album, and the pictures in it, to anyone who has it, without an account. The token is
/// the whole secret, made and checked as a picture's (``ImageShare``).
public struct AlbumShare: Equatable, Sendable {
    public var albumID: Int64
    public var token: String
    public var createdAt: Date

    public init(albumID: Int64, token: String, createdAt: Date) {
        self.albumID = albumID
        self.token = token
        self.createdAt = createdAt
    }
}

/// A link with the album it shows, for the owner's list of what is public.
public struct SharedAlbum: Equatable, Sendable {
    public var share: AlbumShare
    public var album: Album

    public init(share: AlbumShare, album: Album) {
        self.share = share
        self.album = album
    }
}

/// Album links, at most one per album. Deleting the album removes its link (the foreign key), and deleting the
/// account removes its albums' links (``ImageRepository/markAllDeleted(userID:at:)``).
public protocol AlbumShareRepository {
    /// The album's link, if it has one.
    func find(albumID: Int64) throws -> AlbumShare?
    /// The link with this token and its album, if the album's owner is an active account.
    func find(token: String) throws -> (share: AlbumShare, album: Album)?
    /// Stores a new link; `conflict` when the album already has one.
    func insert(_ share: AlbumShare) throws
    /// Removes the album's link; whether there was one.
    @discardableResult func delete(albumID: Int64) throws -> Bool
    /// Removes the link with this token; the link that was removed.
    func delete(token: String) throws -> AlbumShare?
    /// The album links of an account (nil: of every active account, for administration), newest link first, at
    /// most `limit`, each with its album; and how many there are.
    func list(userID: Int64?, limit: Int) throws -> (items: [SharedAlbum], total: Int)
}

extension DomainError {
    /// The token names no album link, or the picture asked for is not in the album (never told apart).
    public static var sharedAlbumNotFound: DomainError { DomainError(.notFound, "No such shared album or picture.") }
}

/// Making, reading and stopping the link of one of the caller's albums, and opening a link: the album's pictures
/// a page at a time, one picture's page, its bytes. A link shows what the album holds when it is opened: a
/// picture put in later shows, one taken out (or deleted) no longer does.
public struct ShareAlbumUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let tokens: any TokenGenerator
    let clock: any WallClock
    /// As for ``ShareImageUseCase``: what the pictures' metadata is taken out with, and the result digested.
    let processor: (any ImageProcessor)?
    let digester: (any ContentDigester)?

    public init(
        unitOfWork: any UnitOfWork, tokens: any TokenGenerator, clock: any WallClock = SystemClock(),
        processor: (any ImageProcessor)? = nil, digester: (any ContentDigester)? = nil
    ) {
        self.unitOfWork = unitOfWork
        self.tokens = tokens
        self.clock = clock
        self.processor = processor
        self.digester = digester
    }

    /// The owner's side: one link per album.
    private var links: OneLinkPerItem<AlbumShare> {
        OneLinkPerItem(
            unitOfWork: unitOfWork, notFound: .albumNotFound,
            owns: { try $0.albums.find(id: $2, userID: $1) != nil },
            find: { try $0.albumShares.find(albumID: $1) }, insert: { try $0.albumShares.insert($1) },
            delete: { try $0.albumShares.delete(albumID: $1) }
        )
    }

    /// The album's link, made now if it has none (`created`); `albumNotFound` when it is not the caller's.
    public func share(userID: Int64, albumID: Int64) throws -> (share: AlbumShare, created: Bool) {
        let new = AlbumShare(albumID: albumID, token: try tokens.generate(), createdAt: clock.now())
        let result = try links.share(userID: userID, id: albumID, new: new)
        return (result.link, result.created)
    }

    /// The album's link, or nil when it is not shared; `albumNotFound` as for ``share(userID:albumID:)``.
    public func current(userID: Int64, albumID: Int64) throws -> AlbumShare? {
        try links.current(userID: userID, id: albumID)
    }

    /// Stops sharing: the link no longer works; whether there was one. `albumNotFound` as for ``share(userID:albumID:)``.
    @discardableResult
    public func stop(userID: Int64, albumID: Int64) throws -> Bool {
        try links.stop(userID: userID, id: albumID)
    }

    /// The caller's shared albums, newest link first (at most ``ShareImageUseCase/maxListed``), and how many.
    public func list(userID: Int64) throws -> (items: [SharedAlbum], total: Int) {
        try listAll(userID: userID, limit: ShareImageUseCase.maxListed)
    }

    /// For an administrator (`mlp shares`): the album links of every account (or of `userID`), newest first.
    public func listAll(userID: Int64?, limit: Int) throws -> (items: [SharedAlbum], total: Int) {
        try unitOfWork.read { try $0.albumShares.list(userID: userID, limit: limit) }
    }

    /// For an administrator (`mlp shares stop`): ends the link named by its token, or by a URL or path with
    /// `/a/<token>` in it (a picture's page in the album too: `/a/<token>/12`); the link that ended, or nil.
    public func stop(link: String) throws -> AlbumShare? {
        guard let token = ShareToken.extract(from: link, marker: "/a/") else {
            throw DomainError.invalid("link", "Must be an album link (…/a/<token>) or its token.")
        }
        return try unitOfWork.transaction { try $0.albumShares.delete(token: token) }
    }

    /// What a link shows: the album with its count, and a page of its pictures in `order` (the latest uploaded or
    /// taken first), as the owner's album page; `sharedAlbumNotFound` for a token that names no link.
    public func open(token: String, limit: Int = ImageRules.defaultLimit, order: ImageOrder = .uploaded, after: ImageListPosition? = nil)
        throws -> (share: AlbumShare, album: AlbumSummary, page: ListImagesUseCase.Page)
    {
        guard ImageShare.isWellFormed(token) else { throw DomainError.sharedAlbumNotFound }
        try ImageRules.require(ListImagesUseCase.positionErrors(after, order: order))
        return try unitOfWork.read { repositories in
            guard let (share, album) = try repositories.albumShares.find(token: token),
                  let summary = try repositories.albums.find(id: album.id, userID: album.userID)
            else { throw DomainError.sharedAlbumNotFound }
            return (share, summary, try ListImagesUseCase.albumPage(repositories, album: summary, order: order, after: after, limit: limit))
        }
    }

    /// One picture of a shared album: its metadata and current predictions (no bytes), with the album and the
    /// picture's place in it (in `order`); `sharedAlbumNotFound` unless the link works and the picture is in the album now.
    public func picture(token: String, imageID: Int64, order: ImageOrder = .uploaded)
        throws -> (share: AlbumShare, album: Album, details: ImageDetails, neighbours: PictureNeighbours)
    {
        guard ImageShare.isWellFormed(token) else { throw DomainError.sharedAlbumNotFound }
        return try unitOfWork.read { repositories in
            let (share, album) = try Self.album(token: token, holding: imageID, repositories)
            guard let details = try repositories.images.details(id: imageID, userID: album.userID, includeBytes: false)
            else { throw DomainError.sharedAlbumNotFound }
            return (share, album, details, try repositories.albums.neighbours(albumID: album.id, imageID: imageID, order: order))
        }
    }

    /// The bytes of a picture of a shared album, or its thumbnail; `sharedAlbumNotFound` as for
    /// ``picture(token:imageID:)``. The picture comes without its metadata, as a picture's link sends it.
    public func content(token: String, imageID: Int64, variant: ImageVariant) throws -> ImageContent {
        guard ImageShare.isWellFormed(token) else { throw DomainError.sharedAlbumNotFound }
        let content = try unitOfWork.read { repositories in
            let album = try Self.album(token: token, holding: imageID, repositories).album
            guard let content = try repositories.images.content(id: imageID, userID: album.userID, variant: variant)
            else { throw DomainError.sharedAlbumNotFound }
            return content
        }
        guard variant == .original else { return content }  // thumbnails are made here and carry none
        return try content.withoutMetadata(processor, digester: digester)
    }

    /// The link named by `token` and its album, when the album holds `imageID` (active) now; else
    /// `sharedAlbumNotFound`. The pictures are then read with the album owner's id, never without one.
    private static func album(
        token: String, holding imageID: Int64, _ repositories: any Repositories
    ) throws -> (share: AlbumShare, album: Album) {
        guard let (share, album) = try repositories.albumShares.find(token: token),
              try repositories.albums.contains(albumID: album.id, imageID: imageID)
        else { throw DomainError.sharedAlbumNotFound }
        return (share, album)
    }
}

/// The token in a link as someone would report it: a URL or path with `marker` (`/s/`, `/a/`) before the token,
/// or the token alone; nil when what is left is not shaped like a token.
public enum ShareToken {
    public static func extract(from link: String, marker: String) -> String? {
        var token = Substring(link.trimmingCharacters(in: .whitespaces))
        if let range = token.range(of: marker, options: .backwards) { token = token[range.upperBound...] }
        token = token.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return ImageShare.isWellFormed(String(token)) ? String(token) : nil
    }
}
