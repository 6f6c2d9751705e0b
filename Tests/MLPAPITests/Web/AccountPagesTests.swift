import HTTP
@testable import MLPAPI
import Testing

/// The password change form of `/account`, as a browser sends it.
@Suite struct AccountPagesTests {
    static func change(_ app: WebTestApp, current: String, new: String, confirmation: String? = nil) throws -> Response {
        try app.submit("/account", to: "/account/password", [
            ("current_password", current), ("new_password", new), ("new_password_confirmation", confirmation ?? new),
        ])
    }

    @Test func theAccountPageHasTheFormForAPasswordManager() throws {
        let app = try WebTestApp().loggedIn()
        let page = app.send(.get, "/account")
        #expect(page.status == .ok)
        #expect(page.text.contains(#"action="/account/password""#))
        #expect(page.text.contains(#"autocomplete="current-password""#))
        #expect(page.text.contains(#"id="new_password" name="new_password" type="password" autocomplete="new-password""#))
        #expect(page.text.contains(#"name="username" autocomplete="username" value="alice@example.com""#))
    }

    @Test func aChangeKeepsThisBrowserLoggedInAndLogsTheOthersOut() throws {
        let app = try WebTestApp().loggedIn()
        let laptop = WebTestApp.sharing(app)
        try laptop.logIn()
        #expect(laptop.send(.get, "/account").status == .ok)

        let changed = try Self.change(app, current: "s3cret-enough", new: "a-new-secret")
        #expect(changed.status == .seeOther)
        #expect(changed.headers["Location"] == "/account")
        let account = app.send(.get, "/account")
        #expect(account.status == .ok)
        #expect(account.text.contains("Your password has been changed. Every other session has been logged out."))
        #expect(laptop.send(.get, "/account").status == .seeOther)
        #expect(try WebTestApp.sharing(app).logIn("alice@example.com", "s3cret-enough").status == .unauthorized)
        #expect(try WebTestApp.sharing(app).logIn("alice@example.com", "a-new-secret").status == .seeOther)
    }

    @Test func refusalsStandBesideTheirFieldsAndEchoNoPassword() throws {
        let app = try WebTestApp().loggedIn()
        let wrong = try Self.change(app, current: "not-my-password", new: "a-new-secret")
        #expect(wrong.status == .unprocessableContent)
        #expect(wrong.text.contains(#"<p class="field-error" id="current-password-error">This is not your current password.</p>"#))
        #expect(!wrong.text.contains("not-my-password") && !wrong.text.contains("a-new-secret"))

        let differ = try Self.change(app, current: "s3cret-enough", new: "a-new-secret", confirmation: "a-new-secreT")
        #expect(differ.status == .unprocessableContent)
        #expect(differ.text.contains(#"id="confirmation-error">The two new passwords differ.</p>"#))

        let short = try Self.change(app, current: "s3cret-enough", new: "short")
        #expect(short.status == .unprocessableContent)
        #expect(short.text.contains(#"id="new-password-error">The password must be at least 8 characters long.</p>"#))

        // Nothing changed: the old password still logs in, this browser is still logged in.
        #expect(app.send(.get, "/account").status == .ok)
        #expect(try WebTestApp.sharing(app).logIn("alice@example.com", "s3cret-enough").status == .seeOther)
    }

    @Test func tooManyWrongPasswordsGive429WithRetryAfterOnThePage() throws {
        let app = try WebTestApp().loggedIn()
        for attempt in 1...10 {
            #expect(try Self.change(app, current: "guess-\(attempt)", new: "a-new-secret").status == .unprocessableContent)
        }
        let throttled = try Self.change(app, current: "s3cret-enough", new: "a-new-secret")
        #expect(throttled.status == .tooManyRequests)
        #expect(throttled.headers["Retry-After"] != nil)
        #expect(throttled.text.contains(#"<p class="form-error" role="alert">Too many wrong passwords. Try again later.</p>"#))
    }

    @Test func loggedOutAPostGoesToTheLoginPageAndChangesNothing() throws {
        let app = try WebTestApp().loggedIn()
        let stale = try #require(app.send(.get, "/account").csrfToken)
        _ = try app.submit("/account", to: "/logout", [])
        let fields = [("current_password", "s3cret-enough"), ("new_password", "a-new-secret"), ("new_password_confirmation", "a-new-secret")]
        // With the form's token of the ended session: refused by the CSRF check.
        let old = app.send(.post, "/account/password", form: [("csrf_token", stale)] + fields, headers: ["Origin": app.origin])
        #expect(old.status == .forbidden)
        // With a valid token of the logged-out browser: sent to log in first.
        let loggedOut = try app.submit("/login", to: "/account/password", fields)
        #expect(loggedOut.status == .seeOther)
        #expect(loggedOut.headers["Location"]?.hasPrefix("/login?next=") == true)
        #expect(try WebTestApp.sharing(app).logIn("alice@example.com", "s3cret-enough").status == .seeOther)
    }
}
