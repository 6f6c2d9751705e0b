import MLPDomain

/// Everything the users and auth routes need, handed in by the composition root; builds the use cases.
public struct UserServices: Sendable {
    public let createUser: CreateUserUseCase
    public let login: LoginUseCase
    public let logout: LogoutUseCase
    public let authenticate: AuthenticateUseCase
    public let deleteAccount: DeleteAccountUseCase
    public let changePassword: ChangePasswordUseCase
    public let listSessions: ListSessionsUseCase
    public let revokeSessions: RevokeSessionsUseCase
    public let apiKeys: APIKeysUseCase
    public let configuration: AuthConfiguration

    public init(
        unitOfWork: any UnitOfWork, hasher: any PasswordHasher, tokens: any TokenGenerator,
        clock: any WallClock = SystemClock(), configuration: AuthConfiguration = AuthConfiguration()
    ) {
        createUser = CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock)
        login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: clock, configuration: configuration)
        logout = LogoutUseCase(unitOfWork: unitOfWork, clock: clock)
        authenticate = AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, configuration: configuration)
        deleteAccount = DeleteAccountUseCase(unitOfWork: unitOfWork, clock: clock)
        changePassword = ChangePasswordUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock, configuration: configuration)
        listSessions = ListSessionsUseCase(unitOfWork: unitOfWork, clock: clock, configuration: configuration)
        revokeSessions = RevokeSessionsUseCase(unitOfWork: unitOfWork, clock: clock, configuration: configuration)
        apiKeys = APIKeysUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock)
        self.configuration = configuration
    }

    /// Self-service sign-up (the API and the pages): `createUser` when `configuration.signUpOpen`, else
    /// `signUpClosed`. Administration calls `createUser` itself.
    public func signUp(username: String, password: String) throws -> User {
        guard configuration.signUpOpen else { throw DomainError.signUpClosed }
        return try createUser.execute(username: username, password: password)
    }
}
