import Foundation

/// What making, reading and stopping a share link comes to for any kind of thing an owner shares (a picture, an
/// album): at most one link per thing, made in a transaction that first checks the caller owns it, and two
/// requests making it at once ending with the same link.
struct OneLinkPerItem<Link: Sendable>: Sendable {
    let unitOfWork: any UnitOfWork
    /// Thrown when the caller has no such thing (missing, deleted, someone else's).
    let notFound: DomainError
    /// Whether `userID` owns the thing `id`.
    let owns: @Sendable (_ repositories: any Repositories, _ userID: Int64, _ id: Int64) throws -> Bool
    let find: @Sendable (_ repositories: any Repositories, _ id: Int64) throws -> Link?
    /// Stores a new link; `conflict` when the thing has one already.
    let insert: @Sendable (_ repositories: any Repositories, _ link: Link) throws -> Void
    /// Removes the thing's link; whether there was one.
    let delete: @Sendable (_ repositories: any Repositories, _ id: Int64) throws -> Bool

    /// The thing's link, `new` stored when it has none (`created`).
    func share(userID: Int64, id: Int64, new: Link) throws -> (link: Link, created: Bool) {
        do {
            return try unitOfWork.transaction { repositories in
                guard try owns(repositories, userID, id) else { throw notFound }
                if let existing = try find(repositories, id) { return (existing, false) }
                try insert(repositories, new)
                return (new, true)
            }
        } catch let error as DomainError where error.code == .conflict {
            // Two requests shared it at once (one link per thing): the other one's link is the answer.
            guard let existing = try current(userID: userID, id: id) else { throw error }
            return (existing, false)
        }
    }

    /// The thing's link, or nil when it is not shared.
    func current(userID: Int64, id: Int64) throws -> Link? {
        try unitOfWork.read { repositories in
            guard try owns(repositories, userID, id) else { throw notFound }
            return try find(repositories, id)
        }
    }

    /// Stops sharing; whether there was a link.
    func stop(userID: Int64, id: Int64) throws -> Bool {
        try unitOfWork.transaction { repositories in
            guard try owns(repositories, userID, id) else { throw notFound }
            return try delete(repositories, id)
        }
    }
}
