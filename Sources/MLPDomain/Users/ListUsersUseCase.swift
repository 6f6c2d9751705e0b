/// Lists accounts for administration, in id order, a page at a time.
public struct ListUsersUseCase: Sendable {
    /// The largest page served.
    public static let maxLimit = 1000

    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// Up to `limit` accounts with an id above `afterID`.
    public func execute(includeDeleted: Bool, afterID: Int64? = nil, limit: Int = 100) throws -> [User] {
        let limit = min(max(limit, 1), Self.maxLimit)
        return try unitOfWork.transaction {
            try $0.users.list(includeDeleted: includeDeleted, afterID: afterID, limit: limit)
        }
    }
}
