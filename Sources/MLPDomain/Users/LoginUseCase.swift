import Foundation

/// What a successful login hands back: the bearer token (shown once, stored only as a digest).
public struct LoginResult: Sendable {
    public var token: String
    public var expiresAt: Date
    public var user: User
}

/// Checks a username and password and opens a session.
///
/// Unknown users are verified against a dummy hash so both failures take about the same time and say the
/// same thing. Failures are counted in the database per account and per client address; over the limit the
/// use case answers `rateLimited` without checking the password. Each attempt is recorded as a failure before
/// its password is checked (in the same step as the limit check), so parallel attempts cannot exceed the
/// account limit. A success takes that record back, clears the account's counter and re-hashes the password
/// when the hasher's parameters have changed.
public struct LoginUseCase: Sendable {
    /// Longer passwords are not hashed at login at all (they could not have been accepted at sign-up).
    static let maxPasswordBytes = 4096

    let unitOfWork: any UnitOfWork
    let hasher: any PasswordHasher
    let tokens: any TokenGenerator
    let clock: any WallClock
    let configuration: AuthConfiguration
    private let dummyHash: DummyPasswordHash

    public init(
        unitOfWork: any UnitOfWork, hasher: any PasswordHasher, tokens: any TokenGenerator, clock: any WallClock,
        configuration: AuthConfiguration
    ) {
        self.unitOfWork = unitOfWork
        self.hasher = hasher
        self.tokens = tokens
        self.clock = clock
        self.configuration = configuration
        self.dummyHash = DummyPasswordHash(hasher: hasher)
    }

    /// A new session, or `unauthorized` (same error for unknown user and wrong password), or `rateLimited`.
    /// `userAgent` and `clientAddress` are stored with the session for its owner's list of sessions.
    public func execute(username: String, password: String, clientAddress: String, userAgent: String? = nil) throws -> LoginResult {
        let now = clock.now()
        let parsed = try? Username(validating: username)
        let accountKey = parsed?.key ?? Self.accountKey(forUnparsed: username)
        let address = String(clientAddress.prefix(64))
        let password = Password.normalize(password)
        let windowStart = now.addingTimeInterval(-configuration.failureWindow)
        // The attempt counts as a failure from the start (a reservation, taken back on success), so concurrent
        // attempts on one account cannot get more passwords checked than the limit.
        let credentials = try unitOfWork.transaction { repositories in
            if let over = try repositories.loginAttempts.reserveFailure(
                accountKey: accountKey, clientAddress: address, at: now, since: windowStart,
                maxPerAccount: configuration.maxFailuresPerAccount, maxPerAddress: configuration.maxFailuresPerAddress
            ) {
                throw DomainError.tooManyLogins(retryAfter: over.retryAfter(window: configuration.failureWindow, now: now))
            }
            return try parsed.flatMap { try repositories.users.findActiveCredentials(username: $0) }
        }
        let cancelReservation = { (repositories: any Repositories) in
            try repositories.loginAttempts.cancelReservedFailure(accountKey: accountKey, clientAddress: address, at: now)
        }
        var verified = false
        do {
            if let credentials, password.utf8.count <= Self.maxPasswordBytes {
                verified = try hasher.verify(password, against: credentials.passwordHash)
            } else {
                _ = try hasher.verify(String(password.prefix(128)), against: dummyHash.value())
            }
        } catch {
            // Not checked (no hashing capacity): not a failure of the user's.
            try? unitOfWork.transaction(cancelReservation)
            throw error
        }
        guard let credentials, verified else {
            try unitOfWork.transaction { repositories in
                try repositories.loginAttempts.deleteFailures(before: windowStart)
            }
            throw DomainError.invalidCredentials
        }
        let newHash = hasher.needsRehash(credentials.passwordHash) ? try? hasher.hash(password) : nil
        let token = try tokens.generate()
        let digest = tokens.digest(of: token)
        return try unitOfWork.transaction { repositories in
            try cancelReservation(repositories)
            try repositories.loginAttempts.clearFailures(accountKey: accountKey)
            // Housekeeping: the user's sessions that can no longer open go, so the table does not grow forever.
            try repositories.sessions.deleteEnded(
                userID: credentials.user.id, at: now, idleCutoff: now.addingTimeInterval(-configuration.idleTimeout)
            )
            if let newHash {
                try repositories.users.updatePasswordHash(id: credentials.user.id, passwordHash: newHash, at: now)
            }
            let session = try repositories.sessions.create(
                userID: credentials.user.id, tokenHash: digest, createdAt: now,
                expiresAt: now.addingTimeInterval(configuration.sessionLifetime),
                origin: SessionOrigin(userAgent: userAgent, clientAddress: address)
            )
            return LoginResult(token: token, expiresAt: session.expiresAt, user: credentials.user)
        }
    }

    /// Throttling key for input that is not even a valid address: still counted, under its trimmed lower case.
    static func accountKey(forUnparsed username: String) -> String {
        String(username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(Username.maxLength))
    }
}

extension DomainError {
    /// Wrong password and unknown user: one error, so the response cannot tell them apart.
    public static var invalidCredentials: DomainError {
        DomainError(.unauthorized, "Incorrect username or password.")
    }

    /// Login throttled.
    public static func tooManyLogins(retryAfter seconds: Int) -> DomainError {
        DomainError(.rateLimited, "Too many failed logins. Try again later.", retryAfterSeconds: seconds)
    }
}
