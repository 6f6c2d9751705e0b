import Foundation

/// A link that shows one picture to anyone who has it, without an account: the token is the whole secret.
public struct ImageShare: Equatable, Sendable {
    public var imageID: Int64
    /// From the ``TokenGenerator``: 43 characters of base64url (256 random bits) in production.
    public var token: String
    public var createdAt: Date

    public init(imageID: Int64, token: String, createdAt: Date) {
        self.imageID = imageID
        self.token = token
        self.createdAt = createdAt
    }

    /// Whether `text` has the shape of a token (20 to 64 base64url characters): anything else names no share
    /// and is answered without a database round trip.
    public static func isWellFormed(_ text: String) -> Bool {
        (20...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }
}

/// Share links, at most one per image. Deleting an image (or its account) removes its link
/// (``ImageRepository/markDeleted(id:at:)``).
public protocol ImageShareRepository {
    /// The image's link, if it has one.
    func find(imageID: Int64) throws -> ImageShare?
    /// The link with this token, if its image is active.
    func find(token: String) throws -> ImageShare?
    /// Stores a new link; `conflict` when the image already has one.
    func insert(_ share: ImageShare) throws
    /// Removes the image's link; whether there was one.
    @discardableResult func delete(imageID: Int64) throws -> Bool
    /// The links of the user's active pictures (nil: every account's, for administration), newest link first, at
    /// most `limit`, each with its picture; and how many there are.
    func list(userID: Int64?, limit: Int) throws -> (items: [SharedImage], total: Int)
    /// Removes the link with this token, whatever the state of its picture; the link that was removed.
    func delete(token: String) throws -> ImageShare?
}

/// A link with the picture it shows, for the owner's list of what is public.
public struct SharedImage: Equatable, Sendable {
    public var share: ImageShare
    public var image: Image

    public init(share: ImageShare, image: Image) {
        self.share = share
        self.image = image
    }
}

extension DomainError {
    /// The token names no link: never made, stopped, or its picture deleted (never told apart).
    public static var shareNotFound: DomainError { DomainError(.notFound, "No such shared picture.") }
}

/// Making, reading and stopping the share link of one of the caller's pictures, and opening a link.
public struct ShareImageUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let tokens: any TokenGenerator
    let clock: any WallClock
    /// What ``content(token:variant:)`` takes the metadata out of the picture with, and digests the result with;
    /// without them it serves no picture (a use case made only to make and end links needs neither).
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

    /// The owner's side: one link per picture.
    private var links: OneLinkPerItem<ImageShare> {
        OneLinkPerItem(
            unitOfWork: unitOfWork, notFound: .imageNotFound,
            owns: { try $0.images.find(id: $2, userID: $1) != nil },
            find: { try $0.shares.find(imageID: $1) }, insert: { try $0.shares.insert($1) }, delete: { try $0.shares.delete(imageID: $1) }
        )
    }

    /// The picture's link, made now if it has none (`created`); `notFound` for an image that is missing,
    /// deleted or not the caller's.
    public func share(userID: Int64, imageID: Int64) throws -> (share: ImageShare, created: Bool) {
        let new = ImageShare(imageID: imageID, token: try tokens.generate(), createdAt: clock.now())
        let result = try links.share(userID: userID, id: imageID, new: new)
        return (result.link, result.created)
    }

    /// The picture's link, or nil when it is not shared; `notFound` as for ``share(userID:imageID:)``.
    public func current(userID: Int64, imageID: Int64) throws -> ImageShare? {
        try links.current(userID: userID, id: imageID)
    }

    /// Stops sharing: the link no longer works; whether there was one. `notFound` as for ``share(userID:imageID:)``.
    @discardableResult
    public func stop(userID: Int64, imageID: Int64) throws -> Bool {
        try links.stop(userID: userID, id: imageID)
    }

    /// Links listed at most (`GET /api/v1/users/me/shares`, the account page); `total` counts them all.
    public static let maxListed = 500

    /// The caller's shared pictures, newest link first (at most ``maxListed``), and how many there are.
    public func list(userID: Int64) throws -> (items: [SharedImage], total: Int) {
        try listAll(userID: userID, limit: Self.maxListed)
    }

    /// For an administrator (`mlp shares`): the links of every account (or of `userID`), newest first.
    public func listAll(userID: Int64?, limit: Int) throws -> (items: [SharedImage], total: Int) {
        try unitOfWork.read { try $0.shares.list(userID: userID, limit: limit) }
    }

    /// For an administrator (`mlp shares stop`): ends the link named by its token, or by a path or URL ending in
    /// `/s/<token>` (as a report of abuse would quote it); the link that ended, or nil when there is none.
    public func stop(link: String) throws -> ImageShare? {
        guard let token = ShareToken.extract(from: link, marker: "/s/") else {
            throw DomainError.invalid("link", "Must be a share link (…/s/<token>) or its token.")
        }
        return try unitOfWork.transaction { try $0.shares.delete(token: token) }
    }

    /// What a link shows: the picture's metadata and current predictions (no bytes); `shareNotFound` for a
    /// token that names no link of an active picture.
    public func open(token: String) throws -> (share: ImageShare, details: ImageDetails) {
        guard ImageShare.isWellFormed(token) else { throw DomainError.shareNotFound }
        return try unitOfWork.read { repositories in
            guard let share = try repositories.shares.find(token: token),
                  let details = try repositories.images.details(id: share.imageID, userID: nil, includeBytes: false)
            else { throw DomainError.shareNotFound }
            return (share, details)
        }
    }

    /// The bytes of a shared picture or its thumbnail; `shareNotFound` as for ``open(token:)``. The picture
    /// comes without its metadata (``ImageProcessor/withoutMetadata(_:)``: where and when it was taken, the
    /// camera, names, hidden thumbnails), which a link shows to people the owner may not know; the owner's own
    /// routes and the export keep the file as uploaded. Its `sha256` is that of the bytes served.
    public func content(token: String, variant: ImageVariant) throws -> ImageContent {
        guard ImageShare.isWellFormed(token) else { throw DomainError.shareNotFound }
        let content = try unitOfWork.read { repositories in
            guard let share = try repositories.shares.find(token: token),
                  let content = try repositories.images.content(id: share.imageID, userID: nil, variant: variant)
            else { throw DomainError.shareNotFound }
            return content
        }
        guard variant == .original else { return content }  // thumbnails are made here and carry none
        return try content.withoutMetadata(processor, digester: digester)
    }
}
