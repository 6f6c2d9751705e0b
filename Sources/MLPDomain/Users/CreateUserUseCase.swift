import Foundation

/// Signs a new user up: validates username and password, hashes the password, stores the account.
public struct CreateUserUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let hasher: any PasswordHasher
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, hasher: any PasswordHasher, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.hasher = hasher
        self.clock = clock
    }

    /// The new account; `validation` with every field's problem, `conflict` when the username is taken.
    public func execute(username: String, password: String) throws -> User {
        var fieldErrors: [DomainError.FieldError] = []
        var validUsername: Username?
        var validPassword: Password?
        do { validUsername = try Username(validating: username) } catch let error as DomainError {
            fieldErrors += error.fieldErrors
        }
        do { validPassword = try Password(validating: password) } catch let error as DomainError {
            fieldErrors += error.fieldErrors
        }
        guard let validUsername, let validPassword else {
            throw DomainError(.validation, "The request has invalid fields.", fieldErrors: fieldErrors)
        }
        // Hash outside the transaction: it takes tens of milliseconds and needs no database.
        let hash = try hasher.hash(validPassword.value)
        let now = clock.now()
        return try unitOfWork.transaction { repositories in
            if try repositories.users.findActiveCredentials(username: validUsername) != nil {
                throw DomainError.usernameTaken
            }
            return try repositories.users.create(username: validUsername, passwordHash: hash, at: now)
        }
    }
}

extension DomainError {
    /// Sign-up is switched off; an administrator creates accounts.
    public static var signUpClosed: DomainError {
        DomainError(.signUpClosed, "Sign-up is closed on this server. Its administrator creates accounts.")
    }

    /// The username is held by an active account (case-insensitively).
    public static var usernameTaken: DomainError {
        DomainError(
            .conflict, "An account with this username already exists.",
            fieldErrors: [FieldError(field: "username", message: "This e-mail address is already registered.")]
        )
    }
}
