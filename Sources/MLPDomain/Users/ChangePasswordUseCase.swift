import Foundation

/// Changes an account's password.
///
/// A user changes their own password by giving the current one. A wrong current password counts as a failed
/// login for the account and the client address, under the same limits as the login, so a stolen token cannot be
/// used to try passwords faster than the login form allows. The attempt is recorded before the password is
/// checked, as at login.
///
/// On success the new hash is stored and every other session of the account is revoked in one transaction: a
/// password is usually changed because someone else may know it, and their sessions must end with it. The
/// session the change was made from stays open. An administrator's reset (`resetPassword`) needs no current
/// password and ends every session.
public struct ChangePasswordUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let hasher: any PasswordHasher
    let clock: any WallClock
    let configuration: AuthConfiguration

    public init(unitOfWork: any UnitOfWork, hasher: any PasswordHasher, clock: any WallClock, configuration: AuthConfiguration) {
        self.unitOfWork = unitOfWork
        self.hasher = hasher
        self.clock = clock
        self.configuration = configuration
    }

    /// Checks `currentPassword`, stores `newPassword` and revokes every session of the user except
    /// `keepingSessionID`. Errors: `validation` on `current_password` (missing or wrong) and `new_password`
    /// (policy, or the same as the current one); `rateLimited` over the login limits; `notFound` when the
    /// account is gone; `unavailable` when no hashing slot is free.
    public func execute(
        userID: Int64, keepingSessionID: Int64, currentPassword: String, newPassword: String, clientAddress: String
    ) throws {
        let current = Password.normalize(currentPassword)
        let validNew = try Self.validate(current: current, new: newPassword)
        let now = clock.now()
        let address = String(clientAddress.prefix(64))
        let windowStart = now.addingTimeInterval(-configuration.failureWindow)
        let credentials = try unitOfWork.transaction { repositories in
            guard let user = try repositories.users.findActive(id: userID),
                  let credentials = try repositories.users.findActiveCredentials(username: user.username)
            else { throw DomainError(.notFound, "No such account.") }
            if let over = try repositories.loginAttempts.reserveFailure(
                accountKey: user.username.key, clientAddress: address, at: now, since: windowStart,
                maxPerAccount: configuration.maxFailuresPerAccount, maxPerAddress: configuration.maxFailuresPerAddress
            ) {
                throw DomainError.tooManyPasswordAttempts(
                    retryAfter: over.retryAfter(window: configuration.failureWindow, now: now)
                )
            }
            return credentials
        }
        let accountKey = credentials.user.username.key
        let cancelReservation = { (repositories: any Repositories) in
            try repositories.loginAttempts.cancelReservedFailure(accountKey: accountKey, clientAddress: address, at: now)
        }
        var newHash: String?
        do {
            if current.utf8.count <= LoginUseCase.maxPasswordBytes, try hasher.verify(current, against: credentials.passwordHash) {
                newHash = try hasher.hash(validNew.value)
            }
        } catch {
            // Not checked (no hashing capacity): not a failure of the user's.
            try? unitOfWork.transaction(cancelReservation)
            throw error
        }
        guard let newHash else { throw DomainError.wrongCurrentPassword }
        try unitOfWork.transaction { repositories in
            try cancelReservation(repositories)
            try repositories.loginAttempts.clearFailures(accountKey: accountKey)
            try repositories.users.updatePasswordHash(id: credentials.user.id, passwordHash: newHash, at: now)
            try repositories.sessions.revokeAll(userID: credentials.user.id, except: keepingSessionID, at: now)
        }
    }

    /// Administration: sets a new password for the active account `username` without the current one and
    /// revokes all its sessions. Errors: `validation` on `new_password`, `notFound`, `unavailable`.
    public func resetPassword(username: Username, newPassword: String) throws {
        let validNew = try Self.validate(current: nil, new: newPassword)
        let newHash = try hasher.hash(validNew.value)
        let now = clock.now()
        try unitOfWork.transaction { repositories in
            let user = try repositories.users.requireActive(username: username)
            try repositories.users.updatePasswordHash(id: user.id, passwordHash: newHash, at: now)
            try repositories.sessions.revokeAll(userID: user.id, except: nil, at: now)
            try repositories.loginAttempts.clearFailures(accountKey: username.key)
        }
    }

    /// Every field problem at once: the current password given (when asked for), the new one within the policy
    /// and different from the current one.
    private static func validate(current: String?, new: String) throws -> Password {
        var fieldErrors: [DomainError.FieldError] = []
        if let current, current.isEmpty {
            fieldErrors.append(.init(field: "current_password", message: "Enter your current password."))
        }
        var validNew: Password?
        do { validNew = try Password(validating: new) } catch let error as DomainError {
            fieldErrors += error.fieldErrors.map { .init(field: "new_password", message: $0.message) }
        }
        if let validNew, let current, validNew.value == current {
            fieldErrors.append(.init(field: "new_password", message: "The new password must differ from the current one."))
        }
        guard let validNew, fieldErrors.isEmpty else {
            throw DomainError(.validation, "The request has invalid fields.", fieldErrors: fieldErrors)
        }
        return validNew
    }
}

extension DomainError {
    /// The current password given with a change is not the account's.
    public static var wrongCurrentPassword: DomainError {
        DomainError.invalid("current_password", "This is not your current password.")
    }

    /// Password changes throttled by the login limits.
    public static func tooManyPasswordAttempts(retryAfter seconds: Int) -> DomainError {
        DomainError(.rateLimited, "Too many wrong passwords. Try again later.", retryAfterSeconds: seconds)
    }
}
