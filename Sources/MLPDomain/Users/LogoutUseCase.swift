/// Ends the session the caller authenticated with; its token stops working at once.
public struct LogoutUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// Revokes the session.
    public func execute(sessionID: Int64) throws {
        let now = clock.now()
        try unitOfWork.transaction { try $0.sessions.revoke(id: sessionID, at: now) }
    }
}
