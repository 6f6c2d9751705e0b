import HTTP
import MLPDomain

/// The account page, with the password change form and a message beside each field that was refused, and the
/// list of the account's sessions.
struct AccountView {
    /// One open session, as the list of sessions shows it.
    struct SessionRow {
        let id: Int64
        /// "Firefox on Android".
        let device: String
        /// The full `User-Agent` given at login (nil, not "", when unknown: an empty string is true in a section).
        let userAgent: String?
        let address: String
        /// `2026-11-27 10:42 UTC`, and the same as ISO 8601 for `<time datetime>`.
        let signedIn: String
        let signedInISO: String
        let lastActive: String
        let lastActiveISO: String
        let isCurrent: Bool

        init(_ session: Session, currentSessionID: Int64) {
            id = session.id
            device = DeviceDescription.describe(session.origin.userAgent)
            userAgent = session.origin.userAgent
            address = session.origin.clientAddress ?? "unknown address"
            signedIn = AccountPages.minute(session.createdAt)
            signedInISO = ISO8601Format.string(from: session.createdAt)
            lastActive = AccountPages.minute(session.lastSeenAt)
            lastActiveISO = ISO8601Format.string(from: session.lastSeenAt)
            isCurrent = session.id == currentSessionID
        }
    }

    let username: String
    /// ISO date of sign-up (`2026-11-26`).
    let memberSince: String
    /// `12.3 MiB of 1.00 GiB`: the pictures against the quota.
    var storage: String?
    /// Whether the pictures are served here, so that they can be downloaded as one archive.
    var canExport = false
    var currentPasswordError: String?
    var newPasswordError: String?
    var confirmationError: String?
    /// A problem of the password change not tied to one field (too many attempts, service busy).
    var passwordFormError: String?
    /// The rule the help text states, from the domain.
    var passwordMinLength = Password.minLength
    /// Open sessions, most recently used first (at most ``ListSessionsUseCase/maxListed``).
    var sessions: [SessionRow] = []
    /// Whether there is any session besides the current one, for the "log out everywhere else" button.
    var hasOtherSessions = false
    /// "And 4 more, used less recently." when not every open session is listed.
    var moreSessions: String?
    /// The pictures anyone with a link can see (nil when the pictures are not served here).
    var shares: SharedPictures?
    /// The "API keys" card.
    var keys = APIKeys([])

    /// The "API keys" card: the open keys and the form that makes one.
    struct APIKeys {
        /// One open key.
        struct Row {
            let id: Int64
            let name: String
            let access: String
            let created: String
            /// nil until the key is first used (its creation time is stored then).
            let lastUsed: String?
            let expires: String
        }

        let rows: [Row]
        /// Whether there is any row (a computed `count` is not visible to the templates).
        let hasRows: Bool
        let isFull: Bool
        let maxKeys = APIKeysUseCase.maxOpenKeys
        /// What the form held when it was refused, and why.
        var name: String?
        var nameError: String?
        var formError: String?
        /// The lifetimes offered, the default chosen.
        let lifetimes = [
            Lifetime(days: 30, label: "30 days", isDefault: false),
            Lifetime(days: APIKeysUseCase.defaultLifetimeDays, label: "90 days", isDefault: true),
            Lifetime(days: 365, label: "1 year", isDefault: false),
        ]

        struct Lifetime {
            let days: Int
            let label: String
            let isDefault: Bool
        }

        init(_ keys: [Session]) {
            rows = keys.map {
                Row(
                    id: $0.id, name: $0.key?.name ?? "", access: $0.key?.readOnly == true ? "read only" : "full access",
                    created: AccountPages.day($0.createdAt),
                    lastUsed: $0.lastSeenAt > $0.createdAt ? AccountPages.minute($0.lastSeenAt) : nil,
                    expires: AccountPages.day($0.expiresAt)
                )
            }
            hasRows = !keys.isEmpty
            isFull = keys.count >= APIKeysUseCase.maxOpenKeys
        }
    }

    /// The "Shared pictures" card (a struct, so that the template's section shows once around it).
    struct SharedPictures {
        /// One shared picture.
        struct Row {
            let imageID: Int64
            let title: String
            let thumbnailURL: String
            let path: String
            let since: String
        }

        /// One shared album.
        struct AlbumRow {
            let albumID: Int64
            let name: String
            let path: String
            let since: String
        }

        let rows: [Row]
        let albums: [AlbumRow]
        let hasAlbums: Bool
        /// Neither a picture nor an album is shared.
        let isEmpty: Bool
        let hasPictures: Bool
        /// "And 12 more." when not every link is listed.
        let more: String?
        let moreAlbums: String?

        init(_ listed: (items: [SharedImage], total: Int), albums: (items: [SharedAlbum], total: Int)) {
            rows = listed.items.map {
                Row(
                    imageID: $0.image.id, title: $0.image.title ?? "Untitled picture",
                    thumbnailURL: ImagePages.thumbnailURL($0.image.id, version: $0.image.sha256), path: ShareLink.path($0.share.token),
                    since: AccountPages.day($0.share.createdAt)
                )
            }
            self.albums = albums.items.map {
                AlbumRow(
                    albumID: $0.album.id, name: $0.album.name, path: ShareLink.albumPath($0.share.token),
                    since: AccountPages.day($0.share.createdAt)
                )
            }
            hasPictures = !listed.items.isEmpty
            hasAlbums = !albums.items.isEmpty
            isEmpty = !hasPictures && !hasAlbums
            let unlisted = listed.total - listed.items.count
            more = unlisted > 0 ? "And \(unlisted) more." : nil
            let unlistedAlbums = albums.total - albums.items.count
            moreAlbums = unlistedAlbums > 0 ? "And \(unlistedAlbums) more albums." : nil
        }
    }
}
