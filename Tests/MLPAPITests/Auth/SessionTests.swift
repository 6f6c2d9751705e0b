import Foundation
import HTTP
import MLPDomain
import Testing

@Suite struct SessionTests {
    private static let invalidToken = #"Bearer error="invalid_token""#

    @Test func logoutRevokesTheToken() throws {
        let app = TestApp()
        let token = try app.token()
        #expect(app.send(.post, "/api/v1/auth/logout", token: token).status == .noContent)
        let after = app.send(.get, "/api/v1/users/me", token: token)
        #expect(after.status == .unauthorized)
        #expect(after.headers["WWW-Authenticate"] == Self.invalidToken)
        #expect(app.send(.post, "/api/v1/auth/logout", token: token).status == .unauthorized)
    }

    @Test func tokenExpiresAfterTheConfiguredLifetime() throws {
        let app = TestApp(configuration: AuthConfiguration(sessionLifetime: 120))
        let token = try app.token()
        app.clock.advance(by: 119)
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .ok)
        app.clock.advance(by: 1)
        let expired = app.send(.get, "/api/v1/users/me", token: token)
        #expect(expired.status == .unauthorized)
        #expect(expired.headers["WWW-Authenticate"] == Self.invalidToken)
    }

    @Test func idleSessionEndsButActivityKeepsItAlive() throws {
        let app = TestApp(configuration: AuthConfiguration(idleTimeout: 300))
        let token = try app.token()
        for _ in 1...3 {
            app.clock.advance(by: 299)
            #expect(app.send(.get, "/api/v1/users/me", token: token).status == .ok)
        }
        app.clock.advance(by: 300)
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .unauthorized)
    }

    @Test func lastSeenIsWrittenAtMostOncePerMinute() throws {
        let app = TestApp()
        let token = try app.token()
        let created = app.clock.now()
        func lastSeen() -> Date? { app.store.read { $0.sessions.values.first?.lastSeenAt } }
        app.clock.advance(by: 30)
        _ = app.send(.get, "/api/v1/users/me", token: token)
        #expect(lastSeen() == created)
        app.clock.advance(by: 31)
        _ = app.send(.get, "/api/v1/users/me", token: token)
        #expect(lastSeen() == created.addingTimeInterval(61))
    }

    @Test func deletedUsersTokenIsRefused() throws {
        let app = TestApp()
        let token = try app.token()
        let userID = try #require(app.store.read { $0.users.keys.first })
        // Deleted behind the API's back (for example by `mlp users delete`), sessions left open.
        try InMemoryUnitOfWork(store: app.store).transaction { try $0.users.markDeleted(id: userID, at: app.clock.now()) }
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .unauthorized)
    }

    @Test(arguments: [
        "Bearer", "Bearer ", "Basic YWxpY2U6cGFzc3dvcmQ=", "Bearer two tokens", "Bearer tök€n", "Token abc",
        "Bearer =abc", "Bearer a=b", "Bearer " + String(repeating: "a", count: 513),
    ])
    func malformedAuthorizationHeadersGive401InvalidToken(header: String) {
        let response = TestApp().send(.get, "/api/v1/users/me", headers: ["Authorization": header])
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == Self.invalidToken)
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func unknownWellFormedTokenGives401InvalidToken() {
        let response = TestApp().send(.get, "/api/v1/users/me", token: String(repeating: "A", count: 43))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == Self.invalidToken)
    }

    @Test func twoAuthorizationHeadersAreRefused() throws {
        let app = TestApp()
        let token = try app.token()
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(token)")
        headers.add("Authorization", "Bearer \(token)")
        #expect(app.send(.get, "/api/v1/users/me", headers: headers).status == .unauthorized)
    }

    @Test func schemeIsCaseInsensitive() throws {
        let app = TestApp()
        let token = try app.token()
        #expect(app.send(.get, "/api/v1/users/me", headers: ["Authorization": "bearer  \(token)"]).status == .ok)
    }

    @Test func spacesAndTabsAroundTheTokenAreTolerated() throws {
        let app = TestApp()
        let token = try app.token()
        for header in [" Bearer \(token) ", "Bearer\t\(token)", "\tBEARER \t \(token)\t"] {
            #expect(app.send(.get, "/api/v1/users/me", headers: ["Authorization": header]).status == .ok, "\(header)")
        }
        for header in ["Bearer", "Bearer \(token) extra", "Bearers \(token)", "Bearer\u{00A0}\(token)", "Basic \(token)"] {
            #expect(app.send(.get, "/api/v1/users/me", headers: ["Authorization": header]).status == .unauthorized, "\(header)")
        }
    }

    @Test func sessionCookieWorksAndLogoutClearsIt() throws {
        let app = TestApp()
        let token = try app.token()
        let cookie: HTTPHeaders = ["Cookie": "theme=dark; mlp_session=\(token)"]
        #expect(app.send(.get, "/api/v1/users/me", headers: cookie).status == .ok)
        let logout = app.send(.post, "/api/v1/auth/logout", headers: cookie)
        #expect(logout.status == .noContent)
        #expect(logout.headers["Set-Cookie"]?.hasPrefix("mlp_session=; Path=/; Max-Age=0") == true)
        #expect(app.send(.get, "/api/v1/users/me", headers: cookie).status == .unauthorized)
    }

    @Test func headerLogoutSetsNoCookie() throws {
        let app = TestApp()
        let token = try app.token()
        #expect(app.send(.post, "/api/v1/auth/logout", token: token).headers["Set-Cookie"] == nil)
    }
}
