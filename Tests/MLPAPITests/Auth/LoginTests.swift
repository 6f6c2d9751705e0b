import Foundation
import HTTP
import MLPDomain
import Testing

@Suite struct LoginTests {
    @Test func jsonLoginGivesABearerToken() throws {
        let app = TestApp()
        app.signUp()
        let response = app.login("ALICE@example.com")
        #expect(response.status == .ok)
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(Set(response.object.keys) == ["access_token", "token_type", "expires_at"])
        #expect(response.object["token_type"] as? String == "bearer")
        #expect((response.object["access_token"] as? String)?.count == 64)
        // Seven days after "now" in the test clock.
        #expect(response.object["expires_at"] as? String == "2027-01-22T08:00:00.000Z")
        // Only a digest is stored, never the token.
        let token = try #require(response.object["access_token"] as? String)
        #expect(app.store.read { $0.sessions.values.allSatisfy { $0.tokenHash != Array(token.utf8) } })
    }

    @Test func oauth2PasswordFormIsAccepted() {
        let app = TestApp()
        app.signUp()
        let response = app.send(
            .post, "/api/v1/auth/login",
            form: "grant_type=password&username=alice%40example.com&password=s3cret-enough&scope=&client_id=&client_secret="
        )
        #expect(response.status == .ok)
        #expect(response.object["token_type"] as? String == "bearer")
    }

    @Test(arguments: [
        ("username=alice%40example.com&password=x&is_admin=1", ["is_admin"]),
        ("grant_type=client_credentials&username=alice%40example.com&password=x", ["grant_type"]),
        ("username=alice%40example.com", ["password"]),
    ])
    func badFormsGive422(form: String, fields: [String]) {
        let response = TestApp().send(.post, "/api/v1/auth/login", form: form)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields == fields)
    }

    @Test func unknownJSONFieldsGive422() {
        let app = TestApp()
        let response = app.send(.post, "/api/v1/auth/login", json: #"{"username":"a@example.com","password":"x","remember":true}"#)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields == ["remember"])
    }

    @Test func otherMediaTypesGive415() {
        let app = TestApp()
        let response = app.send(.post, "/api/v1/auth/login", headers: ["Content-Type": "text/plain"])
        #expect(response.status == .unsupportedMediaType)
    }

    @Test func wrongPasswordAndUnknownUserLookAlike() {
        let app = TestApp()
        app.signUp()
        let before = app.hasher.verifications
        let wrongPassword = app.login("alice@example.com", "not-the-password")
        let afterWrong = app.hasher.verifications
        let unknownUser = app.login("nobody@example.com", "not-the-password")
        let invalidName = app.login("not an address", "not-the-password")
        #expect(wrongPassword.status == .unauthorized)
        #expect(unknownUser.status == .unauthorized)
        #expect(wrongPassword.body == unknownUser.body)
        #expect(wrongPassword.body == invalidName.body)
        #expect(wrongPassword.headers["WWW-Authenticate"] == unknownUser.headers["WWW-Authenticate"])
        // Each failure costs exactly one hash verification (a dummy one for the unknown user).
        #expect(afterWrong - before == 1)
        #expect(app.hasher.verifications - afterWrong == 2)
    }

    @Test func eleventhFailureIsThrottledUntilTheWindowPasses() {
        let app = TestApp()
        app.signUp()
        for attempt in 1...10 {
            app.clock.advance(by: 10)
            #expect(app.login("alice@example.com", "wrong-\(attempt)").status == .unauthorized)
        }
        app.clock.advance(by: 10)
        let throttled = app.login("alice@example.com", "wrong-11")
        #expect(throttled.status == .tooManyRequests)
        // The first failure was 100 s ago, so it leaves the 15-minute window in 800 s.
        #expect(throttled.headers["Retry-After"] == "800")
        // Even the right password is refused while throttled, without being checked.
        let verifications = app.hasher.verifications
        #expect(app.login().status == .tooManyRequests)
        #expect(app.hasher.verifications == verifications)
        app.clock.advance(by: 800)
        #expect(app.login().status == .ok)
    }

    @Test func successResetsTheAccountCounter() {
        let app = TestApp()
        app.signUp()
        for _ in 1...9 { _ = app.login("alice@example.com", "wrong-password") }
        #expect(app.login().status == .ok)
        for _ in 1...9 { #expect(app.login("alice@example.com", "wrong-password").status == .unauthorized) }
        #expect(app.login().status == .ok)
    }

    @Test func failuresAreAlsoLimitedPerClientAddress() {
        let app = TestApp(configuration: AuthConfiguration(maxFailuresPerAddress: 3))
        app.signUp()
        for index in 1...3 {
            #expect(app.login("user\(index)@example.com", "whatever-pass", address: "198.51.100.7").status == .unauthorized)
        }
        #expect(app.login("user4@example.com", "whatever-pass", address: "198.51.100.7").status == .tooManyRequests)
        #expect(app.login(address: "198.51.100.8").status == .ok)
    }

    @Test func loginRehashesWhenParametersChanged() throws {
        let app = TestApp()
        app.signUp()
        app.hasher.version = 2
        #expect(app.login().status == .ok)
        let stored = app.store.read { $0.users.values.first?.passwordHash }
        #expect(stored?.hasPrefix("fake$v2$") == true)
        #expect(app.login().status == .ok)
    }
}
