/// The caller's own account.
public struct GetCurrentUserUseCase: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// The active account, or `unauthorized` when it was deleted meanwhile.
    public func execute(userID: Int64) throws -> User {
        guard let user = try unitOfWork.read({ try $0.users.findActive(id: userID) }) else {
            throw DomainError.invalidToken
        }
        return user
    }
}
