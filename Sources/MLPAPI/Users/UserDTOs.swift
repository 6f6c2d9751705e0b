import Foundation
import HTTP
import MLPDomain

/// Body of `POST /api/v1/users`.
struct CreateUserRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["username", "password"]
    let username: String
    let password: String
}

/// Body of `PUT /api/v1/users/me/password`.
struct ChangePasswordRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["current_password", "new_password"]
    let currentPassword: String
    let newPassword: String

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// An account as the API shows it: never the password hash, never the deletion flags.
struct UserResponse: JSONWritable {
    let id: Int64
    let username: String
    let createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username.value
        createdAt = user.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, username
        case createdAt = "created_at"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("created_at"); json.date(createdAt)
            json.key("id"); json.int(id)
            json.key("username"); json.string(username)
        }
    }
}

/// `GET /api/v1/users/me/sessions`: the caller's open sessions, most recently used first.
struct SessionListResponse: Encodable {
    /// One open session. `user_agent` and `client_address` are what the client sent at login (`null` when
    /// unknown); `current` marks the session making this request.
    struct Item: Encodable {
        let session: Session
        let current: Bool

        enum CodingKeys: String, CodingKey {
            case id, current
            case createdAt = "created_at"
            case lastSeenAt = "last_seen_at"
            case expiresAt = "expires_at"
            case userAgent = "user_agent"
            case clientAddress = "client_address"
        }

        /// Unknown origins are `null`, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(session.id, forKey: .id)
            try container.encode(current, forKey: .current)
            try container.encode(session.createdAt, forKey: .createdAt)
            try container.encode(session.lastSeenAt, forKey: .lastSeenAt)
            try container.encode(session.expiresAt, forKey: .expiresAt)
            try container.encode(session.origin.userAgent, forKey: .userAgent)
            try container.encode(session.origin.clientAddress, forKey: .clientAddress)
        }
    }

    let items: [Item]
    /// Every open session, also those beyond the listed ones.
    let total: Int

    init(_ listed: (sessions: [Session], total: Int), currentSessionID: Int64) {
        items = listed.sessions.map { Item(session: $0, current: $0.id == currentSessionID) }
        total = listed.total
    }
}

/// `DELETE /api/v1/users/me/sessions`: how many sessions ended.
struct RevokedSessionsResponse: Encodable {
    let revokedSessions: Int

    enum CodingKeys: String, CodingKey {
        case revokedSessions = "revoked_sessions"
    }
}

/// Body of `POST /api/v1/users/me/keys`: a name, a lifetime in days (1 to 365, default 90), read-only or not.
struct CreateAPIKeyRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["name", "expires_in_days", "read_only"]
    let name: String
    let expiresInDays: Int?
    let readOnly: Bool?

    enum CodingKeys: String, CodingKey {
        case name
        case expiresInDays = "expires_in_days"
        case readOnly = "read_only"
    }
}

/// An API key as its owner sees it; `token` only in the answer that created it (only its digest is stored).
/// `last_used_at` is stamped at most once a minute, as for sessions.
struct APIKeyResponse: Encodable {
    let key: Session
    let token: String?

    enum CodingKeys: String, CodingKey {
        case id, name, token
        case readOnly = "read_only"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key.id, forKey: .id)
        try container.encode(key.key?.name ?? "", forKey: .name)
        try container.encode(key.key?.readOnly ?? false, forKey: .readOnly)
        try container.encode(key.createdAt, forKey: .createdAt)
        try container.encode(key.lastSeenAt, forKey: .lastUsedAt)
        try container.encode(key.expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(token, forKey: .token)
    }
}

/// `GET /api/v1/users/me/keys`: the open keys, newest first, and how many an account may have.
struct APIKeyListResponse: Encodable {
    let items: [APIKeyResponse]
    let maxKeys = APIKeysUseCase.maxOpenKeys

    init(_ keys: [Session]) {
        items = keys.map { APIKeyResponse(key: $0, token: nil) }
    }

    enum CodingKeys: String, CodingKey {
        case items
        case maxKeys = "max_keys"
    }
}
