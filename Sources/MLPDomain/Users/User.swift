import Foundation

/// An account of the platform. The password hash is deliberately not part of it (see `UserCredentials`).
public struct User: Equatable, Sendable {
    public var id: Int64
    public var username: Username
    public var createdAt: Date
    public var updatedAt: Date
    public var isDeleted: Bool
    public var deletedAt: Date?

    public init(id: Int64, username: Username, createdAt: Date, updatedAt: Date, isDeleted: Bool = false, deletedAt: Date? = nil) {
        self.id = id
        self.username = username
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isDeleted = isDeleted
        self.deletedAt = deletedAt
    }
}

/// A user together with the stored password hash: only login needs it, so only login asks for it.
public struct UserCredentials: Sendable {
    public var user: User
    /// The PHC string of the password hash.
    public var passwordHash: String

    public init(user: User, passwordHash: String) {
        self.user = user
        self.passwordHash = passwordHash
    }
}
