/// Runs a use case's repository calls inside one transaction: commit on return, rollback on throw.
public protocol UnitOfWork: Sendable {
    /// Runs `body` in one transaction and returns its result.
    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T

    /// Runs `body` without an explicit transaction: every statement commits on its own and sees the latest
    /// committed data. For the hot read paths (token check, image details): it saves the BEGIN and COMMIT
    /// round trips. Only for reads and for single statements whose effect stands alone (recording activity).
    func read<T>(_ body: (any Repositories) throws -> T) throws -> T
}

/// The repositories a use case can reach inside one unit of work; features add their repositories here.
public protocol Repositories {
    /// Accounts.
    var users: any UserRepository { get }
    /// Login sessions (hashed bearer tokens).
    var sessions: any SessionRepository { get }
    /// Failed login attempts, counted for throttling.
    var loginAttempts: any LoginAttemptRepository { get }
    /// Pictures and their bytes.
    var images: any ImageRepository { get }
    /// Model outputs per image, current and history.
    var predictions: any PredictionRepository { get }
    /// The models predictions refer to.
    var models: any ModelRepository { get }
    /// Links that show a picture without an account.
    var shares: any ImageShareRepository { get }
}
