import Foundation

/// Deletes an account: soft delete (the row stays, marked `is_deleted` with `deleted_at`), every session
/// revoked, every image deleted with its bytes and thumbnail (in the same transaction), and the username free
/// for a new sign-up.
public struct DeleteAccountUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// Deletes the active account with this id; `notFound` when there is none.
    public func execute(userID: Int64) throws {
        let now = clock.now()
        try unitOfWork.transaction { repositories in
            guard try repositories.users.findActive(id: userID) != nil else {
                throw DomainError(.notFound, "No such account.")
            }
            try Self.delete(userID, at: now, in: repositories)
        }
    }

    /// Deletes the active account with this username (administration).
    public func execute(username: Username) throws {
        let now = clock.now()
        try unitOfWork.transaction { repositories in
            try Self.delete(try repositories.users.requireActive(username: username).id, at: now, in: repositories)
        }
    }

    private static func delete(_ userID: Int64, at now: Date, in repositories: any Repositories) throws {
        try repositories.users.markDeleted(id: userID, at: now)
        try repositories.sessions.revokeAll(userID: userID, except: nil, at: now)
        try repositories.images.markAllDeleted(userID: userID, at: now)
    }
}
