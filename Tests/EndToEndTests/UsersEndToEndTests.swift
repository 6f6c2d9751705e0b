import Foundation
import Testing

@Suite("Through nginx: sign-up, login, session, logout", .enabled(if: EndToEnd.isConfigured))
struct UsersEndToEndTests {
    private func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object)
    }

    private let jsonHeaders = ["Content-Type": "application/json"]

    @Test func fullSessionLifecycle() async throws {
        let username = "e2e-\(UInt32.random(in: 0...UInt32.max))@Example.COM"
        let created = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username, "password": "correct horse battery"]),
            headers: jsonHeaders)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/api/v1/users/me")
        let createdBody = try created.json()
        #expect(createdBody["password"] == nil)
        #expect((createdBody["username"] as? String)?.hasSuffix("@example.com") == true)

        let duplicate = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username.uppercased(), "password": "another good one"]),
            headers: jsonHeaders)
        #expect(duplicate.status == 409)

        let login = try await EndToEnd.send(
            "POST", "/api/v1/auth/login", body: json(["username": username, "password": "correct horse battery"]),
            headers: jsonHeaders)
        #expect(login.status == 200)
        let token = try #require(try login.json()["access_token"] as? String)
        #expect(try login.json()["token_type"] as? String == "bearer")

        let me = try await EndToEnd.send("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(token)"])
        #expect(me.status == 200)
        #expect(try me.json()["username"] as? String == createdBody["username"] as? String)

        let logout = try await EndToEnd.send("POST", "/api/v1/auth/logout", headers: ["Authorization": "Bearer \(token)"])
        #expect(logout.status == 204)

        let after = try await EndToEnd.send("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(token)"])
        #expect(after.status == 401)
        #expect(after.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(after.header("Content-Type") == "application/problem+json")
    }

    @Test func passwordChangeKeepsThisSessionAndEndsTheOthers() async throws {
        let username = "pw-\(UInt32.random(in: 0...UInt32.max))@example.org"
        _ = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username, "password": "the first passphrase"]), headers: jsonHeaders)
        func login(_ password: String) async throws -> EndToEnd.Reply {
            try await EndToEnd.send(
                "POST", "/api/v1/auth/login", body: json(["username": username, "password": password]), headers: jsonHeaders)
        }
        let current = try #require(try await login("the first passphrase").json()["access_token"] as? String)
        let other = try #require(try await login("the first passphrase").json()["access_token"] as? String)
        let path = "/api/v1/users/me/password"
        let headers = jsonHeaders.merging(["Authorization": "Bearer \(current)"]) { $1 }

        let wrong = try await EndToEnd.send(
            "PUT", path, body: json(["current_password": "not the passphrase", "new_password": "the second passphrase"]),
            headers: headers)
        #expect(wrong.status == 422)
        #expect(wrong.header("Content-Type") == "application/problem+json")
        #expect((try wrong.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "current_password")

        let changed = try await EndToEnd.send(
            "PUT", path, body: json(["current_password": "the first passphrase", "new_password": "the second passphrase"]),
            headers: headers)
        #expect(changed.status == 204)
        #expect(try await EndToEnd.send("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(current)"]).status == 200)
        #expect(try await EndToEnd.send("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(other)"]).status == 401)
        #expect(try await login("the first passphrase").status == 401)
        #expect(try await login("the second passphrase").status == 200)
    }

    @Test func theListOfSessionsShowsEachLoginsClientAndEndsOneOrAllOthers() async throws {
        let username = "sessions-\(UInt32.random(in: 0...UInt32.max))@example.org"
        _ = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username, "password": "the only passphrase"]), headers: jsonHeaders)
        func login(_ userAgent: String) async throws -> String {
            let reply = try await EndToEnd.send(
                "POST", "/api/v1/auth/login", body: json(["username": username, "password": "the only passphrase"]),
                headers: jsonHeaders.merging(["User-Agent": userAgent]) { $1 })
            return try #require(try reply.json()["access_token"] as? String)
        }
        let laptop = try await login("e2e-laptop/1.0")
        let phone = try await login("e2e-phone/2.0 (Android 14)")
        let tablet = try await login("e2e-tablet/3.0")
        let path = "/api/v1/users/me/sessions"
        func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

        let listed = try await EndToEnd.send("GET", path, headers: bearer(laptop))
        #expect(listed.status == 200)
        let items = try #require(try listed.json()["items"] as? [[String: Any]])
        #expect(Set(items.compactMap { $0["user_agent"] as? String }) == ["e2e-laptop/1.0", "e2e-phone/2.0 (Android 14)", "e2e-tablet/3.0"])
        // The address nginx saw (REMOTE_ADDR), not a header the client could set.
        #expect(items.allSatisfy { ($0["client_address"] as? String).map { ["127.0.0.1", "::1"].contains($0) } == true })
        #expect(items.filter { $0["current"] as? Bool == true }.map { $0["user_agent"] as? String } == ["e2e-laptop/1.0"])
        let phoneID = try #require(items.first { $0["user_agent"] as? String == "e2e-phone/2.0 (Android 14)" }?["id"] as? Int)

        #expect(try await EndToEnd.send("DELETE", "\(path)/\(phoneID)", headers: bearer(laptop)).status == 204)
        #expect(try await EndToEnd.send("GET", "/api/v1/users/me", headers: bearer(phone)).status == 401)
        #expect(try await EndToEnd.send("DELETE", "\(path)/\(phoneID)", headers: bearer(laptop)).status == 404)
        #expect(try await EndToEnd.send("DELETE", "\(path)/abc", headers: bearer(laptop)).status == 404)
        let others = try await EndToEnd.send("DELETE", path, headers: bearer(laptop))
        #expect(others.status == 200)
        #expect(try others.json()["revoked_sessions"] as? Int == 1)
        #expect(try await EndToEnd.send("GET", "/api/v1/users/me", headers: bearer(tablet)).status == 401)
        #expect(try await EndToEnd.send("GET", "/api/v1/users/me", headers: bearer(laptop)).status == 200)
    }

    @Test func formLoginLikeOAuth2Clients() async throws {
        let username = "form-\(UInt32.random(in: 0...UInt32.max))@example.org"
        _ = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username, "password": "a fine passphrase"]), headers: jsonHeaders)
        let encoded = username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? username
        let login = try await EndToEnd.send(
            "POST", "/api/v1/auth/login", body: Data("grant_type=password&username=\(encoded)&password=a+fine+passphrase".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(login.status == 200)
        #expect(try login.json()["access_token"] is String)
    }

    @Test func wrongPasswordAndUnknownUserLookTheSame() async throws {
        let username = "same-\(UInt32.random(in: 0...UInt32.max))@example.org"
        _ = try await EndToEnd.send(
            "POST", "/api/v1/users", body: json(["username": username, "password": "a fine passphrase"]), headers: jsonHeaders)
        let wrong = try await EndToEnd.send(
            "POST", "/api/v1/auth/login", body: json(["username": username, "password": "not the one"]), headers: jsonHeaders)
        let unknown = try await EndToEnd.send(
            "POST", "/api/v1/auth/login", body: json(["username": "nobody-\(username)", "password": "not the one"]),
            headers: jsonHeaders)
        #expect(wrong.status == 401)
        #expect(unknown.status == 401)
        #expect(wrong.body == unknown.body)
    }

    @Test func malformedJSONIs400Problem() async throws {
        let reply = try await EndToEnd.send("POST", "/api/v1/users", body: Data(#"{"username": "#.utf8), headers: jsonHeaders)
        #expect(reply.status == 400)
        #expect(try reply.json()["type"] as? String == "/problems/malformed-json")
    }

    @Test func massAssignmentIsRefused() async throws {
        let reply = try await EndToEnd.send(
            "POST", "/api/v1/users",
            body: json(["username": "mass@example.org", "password": "a fine passphrase", "is_deleted": true, "id": 1]),
            headers: jsonHeaders)
        #expect(reply.status == 422)
    }
}
