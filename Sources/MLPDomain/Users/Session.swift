import Foundation

/// A login session: the server keeps only the SHA-256 of the bearer token, never the token itself.
public struct Session: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    /// SHA-256 of the token (32 bytes).
    public var tokenHash: [UInt8]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Absolute end of the session, however active it is.
    public var expiresAt: Date
    public var revokedAt: Date?
    /// Where the login came from, for the list of sessions.
    public var origin: SessionOrigin
    /// Set when the session is an API key made for a program rather than a login.
    public var key: SessionKey?

    public init(
        id: Int64, userID: Int64, tokenHash: [UInt8], createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        revokedAt: Date? = nil, origin: SessionOrigin = SessionOrigin(), key: SessionKey? = nil
    ) {
        self.id = id
        self.userID = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.origin = origin
        self.key = key
    }

    /// Whether the token of this session still opens it at `date`: not revoked, not past its absolute end and,
    /// for a login, not idle for `idleTimeout` or longer (an API key is used when its program runs, which may
    /// be once a week, so it has no idle timeout).
    public func isOpen(at date: Date, idleTimeout: TimeInterval) -> Bool {
        revokedAt == nil && date < expiresAt && (key != nil || date < lastSeenAt.addingTimeInterval(idleTimeout))
    }
}

/// What makes a session an API key: its owner made it for a program (a backup script, an uploader), gave it a
/// name to recognise it by, and may have limited it to reading.
public struct SessionKey: Equatable, Sendable {
    public var name: String
    /// A read-only key may only read (GET and HEAD); everything else is refused.
    public var readOnly: Bool

    public init(name: String, readOnly: Bool) {
        self.name = name
        self.readOnly = readOnly
    }
}

/// Where a session was opened from, as the client told it at login: its `User-Agent` and its address. Shown
/// to the account's owner in the list of sessions, so a login they do not recognise stands out; never used to
/// decide anything.
public struct SessionOrigin: Hashable, Sendable {
    /// The longest stored user agent, in Unicode scalars (the column holds 255 characters).
    public static let maxUserAgentLength = 255
    /// The longest stored address (an IPv6 address with a zone fits).
    public static let maxAddressLength = 64

    public var userAgent: String?
    public var clientAddress: String?

    /// Trims both, drops control characters and cuts each to its column; an empty value becomes nil.
    public init(userAgent: String? = nil, clientAddress: String? = nil) {
        self.userAgent = Self.clean(userAgent, limit: Self.maxUserAgentLength)
        self.clientAddress = Self.clean(clientAddress, limit: Self.maxAddressLength)
    }

    static func clean(_ text: String?, limit: Int) -> String? {
        guard let text else { return nil }
        let kept = text.unicodeScalars.lazy.filter { !$0.properties.generalCategory.isControl }.prefix(limit)
        let cleaned = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? nil : cleaned
    }
}

extension Unicode.GeneralCategory {
    /// C0 and C1 controls, format characters (bidirectional overrides among them), and unassigned, surrogate
    /// and private-use code points: nothing a user agent needs, and some can disguise text.
    var isControl: Bool {
        switch self {
        case .control, .format, .unassigned, .surrogate, .privateUse: true
        default: false
        }
    }
}

/// The outcome of a successful token check: who is calling, through which session.
public struct AuthenticatedSession: Equatable, Sendable {
    public var user: User
    public var sessionID: Int64
    public var expiresAt: Date
    /// Set when the caller presented an API key instead of a login's token.
    public var key: SessionKey?

    public init(user: User, sessionID: Int64, expiresAt: Date, key: SessionKey? = nil) {
        self.user = user
        self.sessionID = sessionID
        self.expiresAt = expiresAt
        self.key = key
    }
}
