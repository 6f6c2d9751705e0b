import MLPDomain

extension MariaDBRepositories {
    /// Accounts, on this unit of work's connection.
    public var users: any UserRepository { MariaDBUserRepository(connection: connection) }
    /// Sessions, on this unit of work's connection.
    public var sessions: any SessionRepository { MariaDBSessionRepository(connection: connection) }
    /// Failed logins, on this unit of work's connection.
    public var loginAttempts: any LoginAttemptRepository { MariaDBLoginAttemptRepository(connection: connection) }
}
