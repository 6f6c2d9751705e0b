import Foundation
import HTTP
import MLPDomain
import Testing

@Suite struct SessionsRoutesTests {
    static let path = "/api/v1/users/me/sessions"

    /// Logs in as `username` with this `User-Agent` from `address`; the token.
    static func login(_ app: TestApp, _ username: String, userAgent: String?, address: String) throws -> String {
        var headers: HTTPHeaders = [:]
        if let userAgent { headers.set("User-Agent", userAgent) }
        let response = app.send(
            .post, "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"s3cret-enough"}"#, headers: headers,
            address: address
        )
        return try #require(response.object["access_token"] as? String, "login: \(response.status) \(response.text)")
    }

    static func items(_ response: Response) -> [[String: Any]] {
        response.object["items"] as? [[String: Any]] ?? []
    }

    @Test func listsTheCallersOpenSessionsWithWhereTheyCameFromAndMarksTheCurrentOne() throws {
        let app = TestApp()
        app.signUp("kim@example.com")
        app.signUp("lee@example.com")
        _ = try Self.login(app, "kim@example.com", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0", address: "192.0.2.44")
        let phone = try Self.login(app, "kim@example.com", userAgent: "Mozilla/5.0 (Linux; Android 14) Firefox/133.0", address: "198.51.100.7")
        app.clock.advance(by: 120)
        let script = try Self.login(app, "kim@example.com", userAgent: nil, address: "2001:db8::1")
        _ = try Self.login(app, "lee@example.com", userAgent: "curl/8.5.0", address: "192.0.2.9")
        let ended = try Self.login(app, "kim@example.com", userAgent: "old", address: "192.0.2.1")
        #expect(app.send(.post, "/api/v1/auth/logout", token: ended).status == .noContent)
        app.clock.advance(by: 120)
        // The phone is used again, then (30 s later) the script lists: most recently used first.
        #expect(app.send(.get, "/api/v1/users/me", token: phone).status == .ok)
        app.clock.advance(by: 30)

        let response = app.send(.get, Self.path, token: script)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.object["total"] as? Int == 3)
        let items = Self.items(response)
        #expect(items.map { $0["user_agent"] as? String } == [
            nil, "Mozilla/5.0 (Linux; Android 14) Firefox/133.0", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
        ])
        #expect(items.map { $0["client_address"] as? String } == ["2001:db8::1", "198.51.100.7", "192.0.2.44"])
        #expect(items.map { $0["current"] as? Bool } == [true, false, false])
        // Unknown values are null, not missing.
        #expect(items[0].keys.sorted() == ["client_address", "created_at", "current", "expires_at", "id", "last_seen_at", "user_agent"])
        #expect(items[0]["user_agent"] is NSNull)
        #expect(items[0]["last_seen_at"] as? String == ISO8601Format.string(from: app.clock.now()))
        #expect(items[1]["last_seen_at"] as? String == ISO8601Format.string(from: app.clock.now().addingTimeInterval(-30)))
        #expect(items[2]["created_at"] as? String == items[2]["last_seen_at"] as? String)
        // Nothing of the tokens is shown.
        #expect(!response.text.contains(phone) && !response.text.contains(script) && !response.text.contains("token"))
        // The same list, seen from the phone.
        #expect(Self.items(app.send(.get, Self.path, token: phone)).map { $0["current"] as? Bool } == [false, true, false])
    }

    @Test func endingAnotherSessionLogsItOutAndKeepsTheCurrentOne() throws {
        let app = TestApp()
        app.signUp("mia@example.com")
        let current = try Self.login(app, "mia@example.com", userAgent: "laptop", address: "192.0.2.1")
        let lost = try Self.login(app, "mia@example.com", userAgent: "lost phone", address: "192.0.2.2")
        let kept = try Self.login(app, "mia@example.com", userAgent: "tablet", address: "192.0.2.3")
        let lostID = try #require(Self.items(app.send(.get, Self.path, token: lost)).first { $0["current"] as? Bool == true }?["id"] as? Int)

        #expect(app.send(.delete, "\(Self.path)/\(lostID)", token: current).status == .noContent)
        #expect(app.send(.get, "/api/v1/users/me", token: lost).status == .unauthorized)
        #expect(app.send(.get, "/api/v1/users/me", token: current).status == .ok)
        #expect(app.send(.get, "/api/v1/users/me", token: kept).status == .ok)
        #expect(Self.items(app.send(.get, Self.path, token: current)).compactMap { $0["user_agent"] as? String }.sorted() == ["laptop", "tablet"])
        // Ending it again: it is no longer an open session.
        let again = app.send(.delete, "\(Self.path)/\(lostID)", token: current)
        #expect(again.status == .notFound)
        #expect(again.headers["Content-Type"] == "application/problem+json")
    }

    @Test func theSessionInUseIsNotEndedFromTheListButByLogout() throws {
        let app = TestApp()
        let token = try app.token("nia@example.com")
        let id = try #require(Self.items(app.send(.get, Self.path, token: token)).first?["id"] as? Int)
        let response = app.send(.delete, "\(Self.path)/\(id)", token: token)
        #expect(response.status == .conflict)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect((response.object["detail"] as? String)?.contains("Log out") == true)
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .ok)
    }

    @Test func anotherUsersSessionAndMalformedIdsAreNotFoundAndEndNothing() throws {
        let app = TestApp()
        let owner = try app.token("otto@example.com")
        let intruder = try app.token("pia@example.com")
        let ownerID = try #require(Self.items(app.send(.get, Self.path, token: owner)).first?["id"] as? Int)
        for id in ["\(ownerID)", "0", "-1", "abc", "+\(ownerID)", "99999999999999999999", "1.0", "%20\(ownerID)"] {
            let response = app.send(.delete, "\(Self.path)/\(id)", token: intruder)
            #expect(response.status == .notFound, "id \(id)")
            #expect(response.headers["Content-Type"] == "application/problem+json", "id \(id)")
        }
        #expect(app.send(.get, "/api/v1/users/me", token: owner).status == .ok)
        #expect(app.send(.get, "/api/v1/users/me", token: intruder).status == .ok)
    }

    @Test func endingEveryOtherSessionSaysHowManyAndLeavesOtherAccountsAlone() throws {
        let app = TestApp()
        app.signUp("quin@example.com")
        let current = try Self.login(app, "quin@example.com", userAgent: "a", address: "192.0.2.1")
        let others = try (1...3).map { try Self.login(app, "quin@example.com", userAgent: "other \($0)", address: "192.0.2.\($0 + 1)") }
        let neighbour = try app.token("rita@example.com")

        let response = app.send(.delete, Self.path, token: current)
        #expect(response.status == .ok)
        #expect(response.object["revoked_sessions"] as? Int == 3)
        for token in others { #expect(app.send(.get, "/api/v1/users/me", token: token).status == .unauthorized) }
        #expect(app.send(.get, "/api/v1/users/me", token: current).status == .ok)
        #expect(app.send(.get, "/api/v1/users/me", token: neighbour).status == .ok)
        #expect(Self.items(app.send(.get, Self.path, token: current)).count == 1)
        #expect(app.send(.delete, Self.path, token: current).object["revoked_sessions"] as? Int == 0)
    }

    @Test func expiredAndIdleSessionsAreNotListed() throws {
        let app = TestApp(configuration: AuthConfiguration(sessionLifetime: 3_600, idleTimeout: 600))
        app.signUp("sol@example.com")
        let active = try Self.login(app, "sol@example.com", userAgent: "active", address: "192.0.2.1")
        _ = try Self.login(app, "sol@example.com", userAgent: "idle", address: "192.0.2.2")
        for _ in 0..<3 {
            app.clock.advance(by: 300)
            #expect(app.send(.get, "/api/v1/users/me", token: active).status == .ok)
        }
        let listed = app.send(.get, Self.path, token: active)
        #expect(Self.items(listed).compactMap { $0["user_agent"] as? String } == ["active"])
        #expect(listed.object["total"] as? Int == 1)
        // The idle one no longer opens, so ending "every other session" ends none that could be used.
        #expect(app.send(.delete, Self.path, token: active).object["revoked_sessions"] as? Int == 0)
    }

    @Test func listsAtMostAHundredSessionsButCountsThemAll() throws {
        let app = TestApp()
        let first = try app.token("tom@example.com")
        for _ in 1...(ListSessionsUseCase.maxListed + 4) { _ = try app.token("tom@example.com") }
        let response = app.send(.get, Self.path, token: first)
        #expect(Self.items(response).count == ListSessionsUseCase.maxListed)
        #expect(response.object["total"] as? Int == ListSessionsUseCase.maxListed + 5)
    }

    @Test func everySessionRouteNeedsAToken() {
        let app = TestApp()
        for (method, path) in [(HTTPMethod.get, Self.path), (.delete, Self.path), (.delete, "\(Self.path)/1")] {
            let response = app.send(method, path)
            #expect(response.status == .unauthorized, "\(method) \(path)")
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        }
    }
}
