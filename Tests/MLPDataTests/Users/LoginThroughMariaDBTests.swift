import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Synchronization
import Testing

/// The login use cases end to end on the real database with the real hasher and token generator.
@Suite final class LoginThroughMariaDBTests {
    let database: TestDatabase
    let unitOfWork: MariaDBUnitOfWork
    let pool: ConnectionPool
    let hasher = Argon2PasswordHasher(parameters: Argon2Parameters(memoryKiB: 1024, iterations: 1))
    let tokens = OpenSSLTokenGenerator()

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
    }

    @Test func signUpLoginAuthenticateLogout() throws {
        let clock = SystemClock()
        let configuration = AuthConfiguration()
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock)
            .execute(username: "frank@example.com", password: "a good passphrase")
        let storedHash = try pool.withConnection { try $0.query("SELECT password_hash FROM users").first?.decode(String.self, "password_hash") }
        #expect(storedHash?.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$") == true)
        let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: clock, configuration: configuration)
        let result = try login.execute(username: "Frank@example.com", password: "a good passphrase", clientAddress: "192.0.2.9")
        let authenticate = AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, configuration: configuration)
        let session = try authenticate.execute(token: result.token)
        #expect(session.user.username.value == "frank@example.com")
        try LogoutUseCase(unitOfWork: unitOfWork, clock: clock).execute(sessionID: session.sessionID)
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: result.token) }
        // The next login clears the ended session away; the new one opens.
        let again = try login.execute(username: "frank@example.com", password: "a good passphrase", clientAddress: "192.0.2.9")
        #expect(try authenticate.execute(token: again.token).user.username.value == "frank@example.com")
        #expect(try pool.withConnection { try $0.query("SELECT COUNT(*) AS n FROM sessions").first?.decode(Int.self, "n") } == 1)
    }

    @Test func eleventhFailureIsThrottledAcrossUseCaseInstances() throws {
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: SystemClock())
            .execute(username: "grace@example.com", password: "a good passphrase")
        for attempt in 1...10 {
            // A new use case each time, as separate app instances would have: the count lives in the database.
            let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
            #expect(throws: DomainError.invalidCredentials) {
                try login.execute(username: "grace@example.com", password: "wrong \(attempt)", clientAddress: "192.0.2.10")
            }
        }
        let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
        let error = #expect(throws: DomainError.self) {
            try login.execute(username: "grace@example.com", password: "a good passphrase", clientAddress: "192.0.2.10")
        }
        #expect(error?.code == .rateLimited)
        #expect((error?.retryAfterSeconds ?? 0) > 890)
    }

    @Test func loginRehashesAnOldHash() throws {
        let old = Argon2PasswordHasher(parameters: Argon2Parameters(memoryKiB: 512, iterations: 1))
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: old, clock: SystemClock())
            .execute(username: "heidi@example.com", password: "a good passphrase")
        _ = try LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
            .execute(username: "heidi@example.com", password: "a good passphrase", clientAddress: "192.0.2.11")
        let storedHash = try pool.withConnection { try $0.query("SELECT password_hash FROM users").first?.decode(String.self, "password_hash") }
        #expect(storedHash?.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$") == true)
    }

    @Test func concurrentFailuresCannotPassTheAccountLimit() throws {
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: SystemClock())
            .execute(username: "judy@example.com", password: "a good passphrase")
        let wide = MariaDBUnitOfWork(pool: ConnectionPool(configuration: database.configuration, maxConnections: 12))
        let login = LoginUseCase(unitOfWork: wide, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
        let outcomes = Mutex<[DomainError.Code]>([])
        try runOnThreads((0..<30).map { attempt in
            {
                do {
                    _ = try login.execute(username: "judy@example.com", password: "wrong \(attempt)", clientAddress: "192.0.2.20")
                } catch let error as DomainError {
                    outcomes.withLock { $0.append(error.code) }
                }
            }
        })
        let codes = outcomes.withLock { $0 }
        #expect(codes.filter { $0 == .unauthorized }.count == 10)
        #expect(codes.filter { $0 == .rateLimited }.count == 20)
        let error = #expect(throws: DomainError.self) {
            try login.execute(username: "judy@example.com", password: "a good passphrase", clientAddress: "192.0.2.20")
        }
        #expect(error?.code == .rateLimited)
    }

    @Test func successfulLoginLeavesNoFailureBehind() throws {
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: SystemClock())
            .execute(username: "ken@example.com", password: "a good passphrase")
        let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
        #expect(throws: DomainError.invalidCredentials) {
            try login.execute(username: "ken@example.com", password: "wrong", clientAddress: "192.0.2.21")
        }
        _ = try login.execute(username: "ken@example.com", password: "a good passphrase", clientAddress: "192.0.2.21")
        let rows = try pool.withConnection {
            try $0.query("SELECT throttle_key FROM login_attempts ORDER BY throttle_key").map { try $0.decode(String.self, "throttle_key") }
        }
        // The failure before still counts for the address; the successful attempt left nothing.
        #expect(rows == ["address:192.0.2.21"])
    }

    @Test func aPasswordChangeKeepsItsSessionAndAnAdministratorResetEndsThemAll() throws {
        let clock = SystemClock()
        let configuration = AuthConfiguration()
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock)
            .execute(username: "hugo@example.com", password: "a good passphrase")
        let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: clock, configuration: configuration)
        let authenticate = AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, configuration: configuration)
        let first = try login.execute(username: "hugo@example.com", password: "a good passphrase", clientAddress: "192.0.2.11")
        let second = try login.execute(username: "hugo@example.com", password: "a good passphrase", clientAddress: "192.0.2.11")
        let session = try authenticate.execute(token: first.token)
        let change = ChangePasswordUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock, configuration: configuration)

        try change.execute(
            userID: session.user.id, keepingSessionID: session.sessionID, currentPassword: "a good passphrase",
            newPassword: "a better passphrase", clientAddress: "192.0.2.11"
        )
        #expect(try authenticate.execute(token: first.token).sessionID == session.sessionID)
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: second.token) }
        #expect(throws: DomainError.invalidCredentials) {
            try login.execute(username: "hugo@example.com", password: "a good passphrase", clientAddress: "192.0.2.11")
        }
        let third = try login.execute(username: "hugo@example.com", password: "a better passphrase", clientAddress: "192.0.2.11")

        // `mlp users set-password`: no current password, and no session survives.
        try change.resetPassword(username: Username(validating: "hugo@example.com"), newPassword: "the admin's passphrase")
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: first.token) }
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: third.token) }
        _ = try login.execute(username: "hugo@example.com", password: "the admin's passphrase", clientAddress: "192.0.2.11")
        let unknown = #expect(throws: DomainError.self) {
            try change.resetPassword(username: Username(validating: "nobody@example.com"), newPassword: "the admin's passphrase")
        }
        #expect(unknown?.code == .notFound)
    }

    @Test func theListOfSessionsShowsWhereEachLoginCameFromAndEndsThemOneOrAllOnTheDatabase() throws {
        let clock = SystemClock()
        let configuration = AuthConfiguration()
        _ = try CreateUserUseCase(unitOfWork: unitOfWork, hasher: hasher, clock: clock)
            .execute(username: "ines@example.com", password: "a good passphrase")
        let login = LoginUseCase(unitOfWork: unitOfWork, hasher: hasher, tokens: tokens, clock: clock, configuration: configuration)
        let authenticate = AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, configuration: configuration)
        let list = ListSessionsUseCase(unitOfWork: unitOfWork, clock: clock, configuration: configuration)
        let revoke = RevokeSessionsUseCase(unitOfWork: unitOfWork, clock: clock, configuration: configuration)
        let desk = try login.execute(username: "ines@example.com", password: "a good passphrase", clientAddress: "192.0.2.30", userAgent: "desk browser")
        let phone = try login.execute(username: "ines@example.com", password: "a good passphrase", clientAddress: "2001:db8::30", userAgent: "phone browser")
        let script = try login.execute(username: "ines@example.com", password: "a good passphrase", clientAddress: "192.0.2.31")
        let current = try authenticate.execute(token: desk.token)

        let listed = try list.execute(userID: current.user.id)
        #expect(listed.total == 3)
        // `mlp users sessions`: the same list, by username.
        #expect(try list.execute(username: Username(validating: "INES@example.com")).sessions.map(\.id) == listed.sessions.map(\.id))
        #expect(throws: DomainError.self) { try list.execute(username: Username(validating: "nobody@example.com")) }
        #expect(Set(listed.sessions.map(\.origin)) == [
            SessionOrigin(userAgent: "desk browser", clientAddress: "192.0.2.30"),
            SessionOrigin(userAgent: "phone browser", clientAddress: "2001:db8::30"),
            SessionOrigin(userAgent: nil, clientAddress: "192.0.2.31"),
        ])
        let phoneID = try authenticate.execute(token: phone.token).sessionID
        try revoke.execute(userID: current.user.id, sessionID: phoneID, currentSessionID: current.sessionID)
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: phone.token) }
        #expect(throws: DomainError.sessionNotFound) {
            try revoke.execute(userID: current.user.id, sessionID: phoneID, currentSessionID: current.sessionID)
        }
        #expect(throws: DomainError.currentSession) {
            try revoke.execute(userID: current.user.id, sessionID: current.sessionID, currentSessionID: current.sessionID)
        }
        #expect(try revoke.executeAllOthers(userID: current.user.id, currentSessionID: current.sessionID) == 1)
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: script.token) }
        #expect(try list.execute(userID: current.user.id).sessions.map(\.id) == [current.sessionID])
        // An API key is no login: not in the list of sessions, listed by `mlp users sessions` apart.
        let keys = APIKeysUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock)
        let key = try keys.create(userID: current.user.id, name: "uploader", readOnly: false, origin: SessionOrigin(clientAddress: "192.0.2.32"))
        #expect(try list.execute(userID: current.user.id).total == 1)
        #expect(try keys.list(username: Username(validating: "ines@example.com")).map(\.id) == [key.key.id])
        #expect(try authenticate.execute(token: key.token).key == SessionKey(name: "uploader", readOnly: false))
        // `mlp users sign-out`: every session, the current one too, and every key.
        #expect(try revoke.executeAll(username: Username(validating: "ines@example.com")) == 2)
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: desk.token) }
        #expect(throws: DomainError.invalidToken) { try authenticate.execute(token: key.token) }
        #expect(try list.execute(userID: current.user.id).total == 0)
        #expect(try keys.list(userID: current.user.id).isEmpty)
    }
}
