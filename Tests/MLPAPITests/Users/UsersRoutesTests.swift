import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

@Suite struct UsersRoutesTests {
    @Test func signUpReturns201WithLocationAndNoSecrets() throws {
        let app = TestApp()
        let response = app.signUp("  Alice@Example.COM ", "s3cret-enough")
        #expect(response.status == .created)
        #expect(response.headers["Location"] == "/api/v1/users/me")
        #expect(response.headers["Content-Type"] == "application/json")
        let body = response.object
        #expect(Set(body.keys) == ["id", "username", "created_at"])
        #expect(body["username"] as? String == "Alice@example.com")
        #expect(body["created_at"] as? String == "2027-01-15T08:00:00.000Z")
        #expect(!response.text.contains("s3cret"))
        // Only the hash is stored.
        let stored = app.store.read { $0.users.values.first?.passwordHash }
        #expect(stored?.hasPrefix("fake$v1$") == true)
    }

    @Test func duplicateUsernameIsRefusedCaseInsensitively() {
        let app = TestApp()
        #expect(app.signUp("Alice@Example.com").status == .created)
        let response = app.signUp("alice@EXAMPLE.COM", "another-secret")
        #expect(response.status == .conflict)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.object["type"] as? String == "/problems/conflict")
        #expect(response.errorFields == ["username"])
    }

    @Test func invalidFieldsGive422WithEveryFieldError() {
        let app = TestApp()
        let response = app.signUp("a@b", "short")
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields == ["username", "password"])
        let messages = (response.object["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(messages == [
            "The domain must have at least two labels, such as example.com.",
            "The password must be at least 8 characters long.",
        ])
    }

    @Test func commonPasswordIsRefused() {
        let response = TestApp().signUp("bob@example.com", "Password123")
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields == ["password"])
    }

    @Test func unicodeDomainIsStoredAsPunycode() {
        let response = TestApp().signUp("info@Bücher.example")
        #expect(response.status == .created)
        #expect(response.object["username"] as? String == "info@xn--bcher-kva.example")
    }

    @Test(arguments: [
        #"{"username":"eve@example.com","password":"s3cret-enough","is_deleted":false}"#,
        #"{"username":"eve@example.com","password":"s3cret-enough","id":1}"#,
    ])
    func unknownFieldsGive422(json: String) {
        let app = TestApp()
        let response = app.send(.post, "/api/v1/users", json: json)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields.count == 1)
        #expect(app.store.read { $0.users.isEmpty })
    }

    @Test func meReturnsTheCurrentUser() throws {
        let app = TestApp()
        let token = try app.token("carol@example.com")
        let response = app.send(.get, "/api/v1/users/me", token: token)
        #expect(response.status == .ok)
        #expect(response.object["username"] as? String == "carol@example.com")
        #expect(Set(response.object.keys) == ["id", "username", "created_at"])
    }

    @Test func meWithoutCredentialsIs401WithChallenge() {
        let response = TestApp().send(.get, "/api/v1/users/me")
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func deletingTheAccountEndsEverySessionAndFreesTheUsername() throws {
        let app = TestApp()
        let first = try app.token("dave@example.com", "first-password")
        let second = try #require(app.login("dave@example.com", "first-password").object["access_token"] as? String)
        #expect(app.send(.delete, "/api/v1/users/me", token: first).status == .noContent)
        #expect(app.send(.get, "/api/v1/users/me", token: first).status == .unauthorized)
        #expect(app.send(.get, "/api/v1/users/me", token: second).status == .unauthorized)
        #expect(app.login("dave@example.com", "first-password").status == .unauthorized)
        let deleted = app.store.read { $0.users.values.first { $0.user.isDeleted }?.user }
        #expect(deleted?.deletedAt == app.clock.now())
        // The address can sign up again, as a new account with a new id.
        let again = app.signUp("dave@example.com", "second-password")
        #expect(again.status == .created)
        #expect(again.object["id"] as? Int != nil && again.object["id"] as? Int != Int(deleted?.id ?? 0))
    }

    @Test func closedSignUpIs403AndStoresNothingWhileAccountsStillLogIn() throws {
        let app = TestApp(configuration: AuthConfiguration(signUpOpen: false))
        let response = app.signUp("olga@example.com", "s3cret-enough")
        #expect(response.status == .forbidden)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.object["type"] as? String == "/problems/signup-closed")
        #expect(response.object["detail"] as? String == "Sign-up is closed on this server. Its administrator creates accounts.")
        #expect(app.store.read { $0.users.isEmpty })
        // An account the administrator made (the use case itself, as `mlp users create` calls it) logs in.
        let services = UserServices(
            unitOfWork: InMemoryUnitOfWork(store: app.store), hasher: app.hasher, tokens: FakeTokens(), clock: app.clock
        )
        _ = try services.createUser.execute(username: "olga@example.com", password: "s3cret-enough")
        #expect(app.login("olga@example.com", "s3cret-enough").status == .ok)
    }

    @Test func hashingCapacityExhaustedIs503WithRetryAfter() {
        let app = TestApp()
        app.hasher.unavailable = true
        let response = app.signUp("frank@example.com")
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == "1")
    }
}
