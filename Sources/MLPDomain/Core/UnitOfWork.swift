/// Runs a use case's repository calls inside one transaction: commit on return, rollback on throw.
public protocol UnitOfWork: Sendable {
    /// Runs `body` in one transaction and returns its result.
    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T

    /// Runs `body` without an explicit transaction: every statement commits on its own and sees the latest
    /// committed data. For the hot read paths (token check, image details): it saves the BEGIN and COMMIT
    /// round trips. Only for reads and for single statements whose effect stands alone (recording activity).
    func read<T>(_ body: (any Repositories) throws -> T) throws -> T
}

/// The repositories a use case can reach inside one unit of work; features add their repositories here.
public protocol Repositories {
    /// Accounts.
    var users: any UserRepository { get }
    /// Login sessions (hashed bearer tokens).
    var sessions: any SessionRepository { get }
    /// Failed login attempts, counted for throttling.
    var loginAttempts: any LoginAttemptRepository { get }
    /// Pictures and their bytes.
    var images: any ImageRepository { get }
    /// Model outputs per image, current and history.
    var predictions: any PredictionRepository { get }
    /// The models predictions refer to.
    var models: any ModelRepository { get }
    /// Links that show a picture without an account.
    var shares: any ImageShareRepository { get }
    /// The owners' albums.
    var albums: any AlbumRepository { get }
    /// Links that show an album without an account.
    var albumShares: any AlbumShareRepository { get }

    /// The session `tokenHash` opens with its user (nil when there is none or the user is deleted), and that
    /// user's image `imageID` (nil details when it is missing, deleted or someone else's). What
    /// `sessions.findWithActiveUser` and `images.details` read, which a database can read in one statement:
    /// the token check and the image read of `GET /api/v1/images/:id`, the most frequent request.
    func sessionWithImage(
        tokenHash: [UInt8], imageID: Int64, includeBytes: Bool
    ) throws -> (session: Session, user: User, details: ImageDetails?)?

    /// The session `tokenHash` opens with its user, as in ``sessionWithImage(tokenHash:imageID:includeBytes:)``,
    /// and the bytes of that user's image `imageID` or its thumbnail (nil content when it is missing, deleted or
    /// someone else's): the token check and the read of `GET /api/v1/images/:id/content` and `/thumbnail`, which
    /// every tile of a gallery page asks for.
    func sessionWithContent(
        tokenHash: [UInt8], imageID: Int64, variant: ImageVariant
    ) throws -> (session: Session, user: User, content: ImageContent?)?
}

extension Repositories {
    /// Two reads, for repositories that cannot join them.
    public func sessionWithImage(
        tokenHash: [UInt8], imageID: Int64, includeBytes: Bool
    ) throws -> (session: Session, user: User, details: ImageDetails?)? {
        guard let (session, user) = try sessions.findWithActiveUser(tokenHash: tokenHash) else { return nil }
        return (session, user, try images.details(id: imageID, userID: user.id, includeBytes: includeBytes))
    }

    /// Two reads, for repositories that cannot join them.
    public func sessionWithContent(
        tokenHash: [UInt8], imageID: Int64, variant: ImageVariant
    ) throws -> (session: Session, user: User, content: ImageContent?)? {
        guard let (session, user) = try sessions.findWithActiveUser(tokenHash: tokenHash) else { return nil }
        return (session, user, try images.content(id: imageID, userID: user.id, variant: variant))
    }
}
