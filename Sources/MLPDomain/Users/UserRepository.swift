import Foundation

/// Stores accounts. "Active" means not soft-deleted.
public protocol UserRepository {
    /// Inserts an account; throws `DomainError.conflict` when an active account has the same username
    /// (compared case-insensitively through `Username.key`).
    func create(username: Username, passwordHash: String, at date: Date) throws -> User
    /// The active account with this id.
    func findActive(id: Int64) throws -> User?
    /// The active account with this username (case-insensitive), with its password hash.
    func findActiveCredentials(username: Username) throws -> UserCredentials?
    /// Replaces the password hash (re-hash with new parameters, password change).
    func updatePasswordHash(id: Int64, passwordHash: String, at date: Date) throws
    /// Soft-deletes the account and frees its username for a new sign-up.
    func markDeleted(id: Int64, at date: Date) throws
    /// Accounts in id order after `afterID`, at most `limit`.
    func list(includeDeleted: Bool, afterID: Int64?, limit: Int) throws -> [User]
}

extension UserRepository {
    /// The active account with this username, or `notFound` (the administration commands name accounts by
    /// username).
    public func requireActive(username: Username) throws -> User {
        guard let credentials = try findActiveCredentials(username: username) else {
            throw DomainError(.notFound, "No account with username \(username).")
        }
        return credentials.user
    }
}
