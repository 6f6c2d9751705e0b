import Foundation
import HTTP
import MLPDomain
import Testing

@Suite struct ChangePasswordTests {
    static let path = "/api/v1/users/me/password"

    static func body(current: String, new: String) -> String {
        #"{"current_password":"\#(current)","new_password":"\#(new)"}"#
    }

    @Test func aChangeKeepsThisSessionEndsEveryOtherAndOnlyTheNewPasswordLogsIn() throws {
        let app = TestApp()
        let current = try app.token("hana@example.com", "first-password")
        let other = try #require(app.login("hana@example.com", "first-password").object["access_token"] as? String)
        let bob = try app.token("bob@example.com", "bobs-password")
        app.clock.advance(by: 30)

        let response = app.send(.put, Self.path, json: Self.body(current: "first-password", new: "second-password"), token: current)
        #expect(response.status == .noContent)
        #expect(response.body.isEmpty)
        #expect(app.send(.get, "/api/v1/users/me", token: current).status == .ok)
        #expect(app.send(.get, "/api/v1/users/me", token: other).status == .unauthorized)
        #expect(app.login("hana@example.com", "first-password").status == .unauthorized)
        #expect(app.login("hana@example.com", "second-password").status == .ok)
        // Another account is not touched.
        #expect(app.send(.get, "/api/v1/users/me", token: bob).status == .ok)
        let stored = app.store.read { $0.users.values.first { $0.user.username.value == "hana@example.com" } }
        #expect(stored?.passwordHash.hasPrefix("fake$") == true)
        #expect(stored?.passwordHash.contains("second-password") == false)
        #expect(stored?.user.updatedAt == app.clock.now())
    }

    @Test func aWrongCurrentPasswordIs422OnThatFieldAndChangesNothing() throws {
        let app = TestApp()
        let token = try app.token("ivan@example.com", "first-password")
        let other = try #require(app.login("ivan@example.com", "first-password").object["access_token"] as? String)
        let response = app.send(.put, Self.path, json: Self.body(current: "not-the-password", new: "second-password"), token: token)
        #expect(response.status == .unprocessableContent)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.errorFields == ["current_password"])
        #expect(app.send(.get, "/api/v1/users/me", token: other).status == .ok)
        #expect(app.login("ivan@example.com", "first-password").status == .ok)
        #expect(app.login("ivan@example.com", "second-password").status == .unauthorized)
    }

    @Test func wrongCurrentPasswordsCountAsFailedLoginsAndAreThrottledLikeThem() throws {
        let app = TestApp()
        let token = try app.token("jude@example.com", "first-password")
        var statuses: [HTTPStatus] = []
        for attempt in 1...11 {
            let body = Self.body(current: "guess-number-\(attempt)", new: "second-password")
            statuses.append(app.send(.put, Self.path, json: body, token: token).status)
        }
        #expect(statuses.prefix(10).allSatisfy { $0 == .unprocessableContent })
        #expect(statuses.last == .tooManyRequests)
        let throttled = app.send(.put, Self.path, json: Self.body(current: "first-password", new: "second-password"), token: token)
        #expect(throttled.status == .tooManyRequests)
        #expect(Int(throttled.headers["Retry-After"] ?? "") ?? 0 > 0)
        // The same limit holds for the login form of that account.
        #expect(app.login("jude@example.com", "first-password").status == .tooManyRequests)
        // Out of the window, the right password works again and clears the count.
        app.clock.advance(by: AuthConfiguration().failureWindow + 1)
        let changed = app.send(.put, Self.path, json: Self.body(current: "first-password", new: "second-password"), token: token)
        #expect(changed.status == .noContent)
        #expect(app.store.read { state in state.attempts.filter { $0.accountKey == "jude@example.com" } }.isEmpty)
    }

    @Test(arguments: [
        (Self.body(current: "", new: "second-password"), ["current_password"]),
        (Self.body(current: "first-password", new: "short"), ["new_password"]),
        (Self.body(current: "first-password", new: "Password123"), ["new_password"]),
        (Self.body(current: "first-password", new: "first-password"), ["new_password"]),
        (Self.body(current: "", new: "short"), ["current_password", "new_password"]),
        (#"{"new_password":"second-password"}"#, ["current_password"]),
        (#"{"current_password":"first-password","new_password":"second-password","username":"x@example.com"}"#, ["username"]),
    ])
    func badInputIs422NamingTheFieldAndChangesNothing(json: String, fields: [String]) throws {
        let app = TestApp()
        let token = try app.token("kim@example.com", "first-password")
        let other = try #require(app.login("kim@example.com", "first-password").object["access_token"] as? String)
        let response = app.send(.put, Self.path, json: json, token: token)
        #expect(response.status == .unprocessableContent)
        #expect(response.errorFields == fields)
        // Refused before any password was checked: not a failed login.
        #expect(app.store.read { $0.attempts.isEmpty })
        #expect(app.send(.get, "/api/v1/users/me", token: other).status == .ok)
        #expect(app.login("kim@example.com", "first-password").status == .ok)
    }

    @Test func withoutATokenIs401AndNothingIsChecked() {
        let app = TestApp()
        app.signUp("lena@example.com", "first-password")
        let response = app.send(.put, Self.path, json: Self.body(current: "first-password", new: "second-password"))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
        #expect(app.login("lena@example.com", "first-password").status == .ok)
    }

    @Test func noHashingCapacityIs503AndIsNotCountedAsAFailure() throws {
        let app = TestApp()
        let token = try app.token("mona@example.com", "first-password")
        app.hasher.unavailable = true
        let response = app.send(.put, Self.path, json: Self.body(current: "first-password", new: "second-password"), token: token)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == "1")
        #expect(app.store.read { $0.attempts.isEmpty })
        app.hasher.unavailable = false
        #expect(app.login("mona@example.com", "first-password").status == .ok)
    }

    @Test func otherMethodsOnThePasswordAre405() throws {
        let app = TestApp()
        let token = try app.token("nina@example.com", "first-password")
        let response = app.send(.get, Self.path, token: token)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"]?.contains("PUT") == true)
    }
}
