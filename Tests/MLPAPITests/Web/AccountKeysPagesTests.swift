import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// The "API keys" card of `/account`, as a browser uses it.
@Suite struct AccountKeysPagesTests {
    /// The token on a new key's page.
    static func token(on page: Response) throws -> String {
        let start = try #require(page.text.range(of: #"id="key_token" type="text" readonly value=""#))
        return String(page.text[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The `action` of every "Revoke" form on the page.
    static func revokeActions(_ page: Response) -> [String] {
        page.text.components(separatedBy: #"<form method="post" action="/account/keys/"#).dropFirst()
            .map { "/account/keys/" + $0.prefix { $0 != "\"" } }
    }

    func api(_ app: WebTestApp, _ method: HTTPMethod, _ path: String, key: String) -> Response {
        app.send(method, path, headers: ["Authorization": "Bearer \(key)", "Accept": "application/json"], withCookies: false)
    }

    @Test func aNewKeyIsShownOnceWorksWithTheAPIAndIsRevokedFromTheList() throws {
        let app = try WebTestApp().loggedIn()
        let account = app.send(.get, "/account")
        #expect(account.text.contains(#"<section class="card" id="keys">"#))
        #expect(account.text.contains(#"<option value="90" selected>90 days</option>"#))
        #expect(Self.revokeActions(account).isEmpty)
        let made = try app.submit("/account", to: "/account/keys", [("name", "backup on the NAS"), ("expires_in_days", "30")])
        #expect(made.status == .created)
        #expect(made.headers["Cache-Control"] == "no-store")
        #expect(made.text.contains("<strong>backup on the NAS</strong> has full access to the pictures"))
        #expect(made.text.contains("it is shown only this once"))
        let token = try Self.token(on: made)
        #expect(!token.isEmpty)
        #expect(made.text.contains("curl -H &#39;Authorization: Bearer \(token)&#39; http://mlp.test/api/v1/images")
                || made.text.contains("curl -H &#x27;Authorization: Bearer \(token)&#x27; http://mlp.test/api/v1/images"))
        // The key opens the API; the account page lists it without its token.
        #expect(api(app, .get, "/api/v1/users/me", key: token).status == .ok)
        let listed = app.send(.get, "/account")
        #expect(listed.text.contains("<strong>backup on the NAS</strong> <span class=\"badge\">full access</span>"))
        #expect(listed.text.contains("not used yet"))
        #expect(!listed.text.contains(token))
        // Never as a browser's session: a key in the cookie is no login.
        let visitor = WebTestApp.sharing(app)
        visitor.cookies[WebCookies.session] = token
        #expect(visitor.send(.get, "/account").status == .seeOther)
        // Revoked from the list: the API refuses it at once, and the list is empty again.
        let action = try #require(Self.revokeActions(listed).first)
        let revoked = try app.submit("/account", to: action, [])
        #expect(revoked.status == .seeOther && revoked.headers["Location"] == "/account#keys")
        #expect(app.send(.get, "/account").text.contains("The key has been revoked"))
        #expect(api(app, .get, "/api/v1/users/me", key: token).status == .unauthorized)
        #expect(Self.revokeActions(app.send(.get, "/account")).isEmpty)
        // A second click says so instead of failing.
        #expect(try app.submit("/account", to: action, []).status == .seeOther)
        #expect(app.send(.get, "/account").text.contains("That key had already ended."))
    }

    @Test func aReadOnlyKeyReadsButDoesNotUpload() throws {
        let app = try WebTestApp().loggedIn()
        let made = try app.submit("/account", to: "/account/keys", [("name", "viewer"), ("expires_in_days", "365"), ("read_only", "yes")])
        #expect(made.text.contains("has read only: it can list and fetch pictures, not change anything"))
        let token = try Self.token(on: made)
        #expect(api(app, .get, "/api/v1/users/me", key: token).status == .ok)
        #expect(api(app, .delete, "/api/v1/users/me", key: token).status == .forbidden)
        #expect(app.send(.get, "/account").status == .ok, "the account is still there")
        #expect(app.send(.get, "/account").text.contains(#"<span class="badge">read only</span>"#))
    }

    @Test func aRefusedKeyShowsTheReasonOnTheAccountPageAndMakesNothing() throws {
        let app = try WebTestApp().loggedIn()
        let empty = try app.submit("/account", to: "/account/keys", [("name", "  "), ("expires_in_days", "90")])
        #expect(empty.status == .unprocessableContent)
        #expect(empty.text.contains(#"id="key-name-error""#))
        #expect(empty.text.contains("Give the key a name"))
        let tooLong = try app.submit("/account", to: "/account/keys", [("name", "ok"), ("expires_in_days", "9999")])
        #expect(tooLong.status == .unprocessableContent)
        #expect(tooLong.text.contains(#"<p class="form-error" role="alert">"#))
        #expect(tooLong.text.contains(#"value="ok""#), "the name is kept")
        let none = try app.submit("/account", to: "/account/keys", [("name", "ok")])
        #expect(none.status == .unprocessableContent)
        #expect(Self.revokeActions(app.send(.get, "/account")).isEmpty)
        // Without the form's token nothing is made.
        let forged = app.send(.post, "/account/keys", form: [("name", "forged"), ("expires_in_days", "90")], headers: ["Origin": app.origin])
        #expect(forged.status == .forbidden)
        #expect(Self.revokeActions(app.send(.get, "/account")).isEmpty)
    }

    @Test func theTwentiethKeyHidesTheFormAndPasswordChangeRevokesThemAll() throws {
        let app = try WebTestApp().loggedIn()
        var tokens: [String] = []
        for index in 1...APIKeysUseCase.maxOpenKeys {
            tokens.append(try Self.token(on: try app.submit("/account", to: "/account/keys", [("name", "key \(index)"), ("expires_in_days", "30")])))
        }
        let full = app.send(.get, "/account")
        #expect(Self.revokeActions(full).count == APIKeysUseCase.maxOpenKeys)
        #expect(full.text.contains("the most an account may have"))
        #expect(!full.text.contains(#"action="/account/keys" "#) && !full.text.contains(#"action="/account/keys" novalidate"#))
        let refused = try app.submit("/account", to: "/account/keys", [("name", "one more"), ("expires_in_days", "30")])
        #expect(refused.status == .conflict)
        let changed = try app.submit("/account", to: "/account/password", [
            ("current_password", "s3cret-enough"), ("new_password", "another long passphrase"),
            ("new_password_confirmation", "another long passphrase"),
        ])
        #expect(changed.status == .seeOther)
        #expect(tokens.allSatisfy { api(app, .get, "/api/v1/users/me", key: $0).status == .unauthorized })
        #expect(Self.revokeActions(app.send(.get, "/account")).isEmpty)
    }
}
