import Foundation
import HTTP
import MLPDomain
import Testing

@Suite struct APIKeysRoutesTests {
    static let path = "/api/v1/users/me/keys"

    /// A new key of the account `login` is logged in with: the created key's JSON.
    static func create(_ app: TestApp, _ login: String, _ json: String) throws -> [String: Any] {
        let response = app.send(.post, path, json: json, token: login)
        #expect(response.status == .created, "\(response.text)")
        return response.object
    }

    @Test func aKeyIsShownOnceAndOpensTheAPIWithoutAnIdleTimeoutUntilItExpires() throws {
        let app = TestApp()
        let login = try app.token("kim@example.com")
        let response = app.send(.post, Self.path, json: #"{"name":"  nightly backup ","expires_in_days":30}"#, token: login)
        #expect(response.status == .created)
        #expect(response.headers["Cache-Control"] == "no-store")
        let created = response.object
        let id = try #require(created["id"] as? Int)
        #expect(response.headers["Location"] == "\(Self.path)/\(id)")
        #expect(created["name"] as? String == "nightly backup")
        #expect(created["read_only"] as? Bool == false)
        let token = try #require(created["token"] as? String)
        // The list never shows the token again.
        let listed = app.send(.get, Self.path, token: login).object
        let items = try #require(listed["items"] as? [[String: Any]])
        #expect(items.count == 1 && items.first?["id"] as? Int == id && items.first?["token"] == nil)
        #expect(listed["max_keys"] as? Int == APIKeysUseCase.maxOpenKeys)
        // It opens the API as the account, and is not among the logins.
        #expect(app.send(.get, "/api/v1/users/me", token: token).object["username"] as? String == "kim@example.com")
        let sessions = app.send(.get, SessionsRoutesTests.path, token: login).object["items"] as? [[String: Any]]
        #expect(sessions?.count == 1)
        // Unused for longer than a login's idle timeout, it still works; after its 30 days it does not.
        app.clock.advance(by: AuthConfiguration().idleTimeout + 3_600)
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .ok)
        #expect(app.send(.get, "/api/v1/users/me", token: login).status == .unauthorized)
        app.clock.advance(by: 30 * 86_400)
        #expect(app.send(.get, "/api/v1/users/me", token: token).status == .unauthorized)
    }

    @Test func aKeyCannotManageTheAccountAndARevokedKeyStopsWorking() throws {
        let app = TestApp()
        let login = try app.token("kim@example.com")
        let key = try #require(try Self.create(app, login, #"{"name":"uploader"}"#)["token"] as? String)
        let forbidden: [(HTTPMethod, String, String?)] = [
            (.get, Self.path, nil), (.post, Self.path, #"{"name":"another"}"#), (.delete, "\(Self.path)/1", nil),
            (.get, SessionsRoutesTests.path, nil), (.delete, SessionsRoutesTests.path, nil),
            (.put, "/api/v1/users/me/password", #"{"current_password":"s3cret-enough","new_password":"another passphrase"}"#),
            (.delete, "/api/v1/users/me", nil),
        ]
        for (method, target, json) in forbidden {
            let response = app.send(method, target, json: json, token: key)
            #expect(response.status == .forbidden, "\(method) \(target)")
            #expect(response.object["type"] as? String == "/problems/forbidden", "\(method) \(target)")
        }
        #expect(app.send(.get, "/api/v1/users/me", token: login).status == .ok, "the account is untouched")
        // "Log out everywhere else" ends logins, not keys.
        let other = try app.token("kim@example.com")
        #expect(app.send(.delete, SessionsRoutesTests.path, token: login).object["revoked_sessions"] as? Int == 1)
        #expect(app.send(.get, "/api/v1/users/me", token: other).status == .unauthorized)
        #expect(app.send(.get, "/api/v1/users/me", token: key).status == .ok)
        // Revoked from a login: gone from the list, refused at once; a second revoke is a 404.
        let id = try #require((app.send(.get, Self.path, token: login).object["items"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(app.send(.delete, "\(Self.path)/\(id)", token: login).status == .noContent)
        #expect(app.send(.get, "/api/v1/users/me", token: key).status == .unauthorized)
        #expect((app.send(.get, Self.path, token: login).object["items"] as? [[String: Any]])?.isEmpty == true)
        #expect(app.send(.delete, "\(Self.path)/\(id)", token: login).status == .notFound)
    }

    @Test func aPasswordChangeRevokesEveryKey() throws {
        let app = TestApp()
        let login = try app.token("kim@example.com")
        let key = try #require(try Self.create(app, login, #"{"name":"uploader"}"#)["token"] as? String)
        let change = app.send(
            .put, "/api/v1/users/me/password", json: #"{"current_password":"s3cret-enough","new_password":"another passphrase"}"#, token: login
        )
        #expect(change.status == .noContent)
        #expect(app.send(.get, "/api/v1/users/me", token: key).status == .unauthorized)
        #expect(app.send(.get, "/api/v1/users/me", token: login).status == .ok)
    }

    @Test func badNamesLifetimesAndFieldsAreRefusedAndMakeNoKey() throws {
        let app = TestApp()
        let login = try app.token("kim@example.com")
        let cases: [(String, String)] = [
            (#"{"name":""}"#, "name"), (#"{"name":"   "}"#, "name"), (#"{"name":"\#(String(repeating: "k", count: 101))"}"#, "name"),
            (#"{"name":"a\u0007b"}"#, "name"), (#"{"name":"x","expires_in_days":0}"#, "expires_in_days"),
            (#"{"name":"x","expires_in_days":366}"#, "expires_in_days"), (#"{"name":"x","expires_in_days":-5}"#, "expires_in_days"),
        ]
        for (json, field) in cases {
            let response = app.send(.post, Self.path, json: json, token: login)
            #expect(response.status == .unprocessableContent, "\(json)")
            let errors = response.object["errors"] as? [[String: Any]]
            #expect(errors?.first?["field"] as? String == field, "\(json)")
        }
        for json in [#"{"name":"x","scope":"all"}"#, #"{"expires_in_days":5}"#, #"{"name":"x","read_only":"yes"}"#, "[]", "{"] {
            let status = app.send(.post, Self.path, json: json, token: login).status
            #expect(status == .badRequest || status == .unprocessableContent, "\(json): \(status)")
        }
        #expect((app.send(.get, Self.path, token: login).object["items"] as? [[String: Any]])?.isEmpty == true)
        #expect(app.send(.post, Self.path, json: #"{"name":"x"}"#).status == .unauthorized)
    }

    @Test func anAccountHasAtMostTwentyOpenKeysAndSeesOnlyItsOwn() throws {
        let app = TestApp()
        let kim = try app.token("kim@example.com")
        let lee = try app.token("lee@example.com")
        for index in 1...APIKeysUseCase.maxOpenKeys {
            _ = try Self.create(app, kim, #"{"name":"key \#(index)"}"#)
        }
        let refused = app.send(.post, Self.path, json: #"{"name":"one too many"}"#, token: kim)
        #expect(refused.status == .conflict)
        let items = try #require(app.send(.get, Self.path, token: kim).object["items"] as? [[String: Any]])
        #expect(items.map { $0["name"] as? String } == (1...APIKeysUseCase.maxOpenKeys).reversed().map { "key \($0)" })
        // Lee sees none of Kim's and cannot revoke them.
        #expect((app.send(.get, Self.path, token: lee).object["items"] as? [[String: Any]])?.isEmpty == true)
        let kimsKey = try #require(items.first?["id"] as? Int)
        #expect(app.send(.delete, "\(Self.path)/\(kimsKey)", token: lee).status == .notFound)
        for bad in ["0", "-1", "abc", "99999999999999999999"] {
            #expect(app.send(.delete, "\(Self.path)/\(bad)", token: kim).status == .notFound, "\(bad)")
        }
        // A login's session id is not a key's.
        let sessionID = try #require((app.send(.get, SessionsRoutesTests.path, token: kim).object["items"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(app.send(.delete, "\(Self.path)/\(sessionID)", token: kim).status == .notFound)
        #expect(app.send(.get, "/api/v1/users/me", token: kim).status == .ok)
        // Revoking one makes room again.
        #expect(app.send(.delete, "\(Self.path)/\(kimsKey)", token: kim).status == .noContent)
        #expect(app.send(.post, Self.path, json: #"{"name":"now it fits"}"#, token: kim).status == .created)
    }
}
