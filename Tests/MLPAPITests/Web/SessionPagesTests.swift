import HTTP
@testable import MLPAPI
import Testing

/// Sign-up, login and logout through the forms, as a browser does them.
@Suite struct SessionPagesTests {
    @Test func signUpThenLogInSetsTheSessionCookie() throws {
        let app = try WebTestApp()
        let signUp = try app.signUp()
        #expect(signUp.status == .seeOther)
        #expect(signUp.headers["Location"] == "/login")
        let login = app.send(.get, "/login")
        #expect(login.text.contains("Your account alice@example.com is ready"))
        let loggedIn = try app.logIn()
        #expect(loggedIn.status == .seeOther)
        #expect(loggedIn.headers["Location"] == WebRoutes.home)
        let cookie = try #require(loggedIn.setCookie("mlp_session"))
        #expect(cookie.contains("; Path=/"))
        #expect(cookie.contains("; HttpOnly"))
        #expect(cookie.contains("; SameSite=Lax"))
        #expect(!cookie.contains("Secure"))
        let account = app.send(.get, "/account")
        #expect(account.status == .ok)
        #expect(account.text.contains("alice@example.com"))
    }

    @Test func overHTTPSTheCookieIsSecureWithTheHostPrefix() throws {
        let app = try WebTestApp(secure: true)
        try app.signUp()
        let login = try app.logIn()
        let cookie = try #require(login.setCookie("__Host-mlp_session"))
        #expect(cookie.contains("; Secure"))
        #expect(cookie.contains("; Path=/"))
        #expect(cookie.contains("; HttpOnly"))
        #expect(cookie.contains("; SameSite=Lax"))
        #expect(!cookie.contains("Domain"))
        #expect(login.setCookie("mlp_session") == nil)
        #expect(app.send(.get, "/account").status == .ok)
        // The JSON API accepts the prefixed cookie too.
        #expect(app.send(.get, "/api/v1/users/me").status == .ok)
    }

    @Test func wrongPasswordShowsTheFormAgainWithoutACookie() throws {
        let app = try WebTestApp()
        try app.signUp()
        let response = try app.logIn("alice@example.com", "not-the-password")
        #expect(response.status == .unauthorized)
        #expect(response.text.contains("Incorrect e-mail address or password."))
        #expect(response.text.contains(#"value="alice@example.com""#))
        #expect(!response.text.contains("not-the-password"))
        #expect(response.setCookie("mlp_session") == nil)
        #expect(app.cookies["mlp_session"] == nil)
        #expect(app.send(.get, "/account").status == .seeOther)
    }

    @Test func signUpErrorsStandBesideTheirFieldsAndKeepTheInput() throws {
        let app = try WebTestApp()
        let weak = try app.signUp("bob@example.com", "short")
        #expect(weak.status == .unprocessableContent)
        #expect(weak.text.contains(#"value="bob@example.com""#))
        #expect(weak.text.contains(#"id="password-error""#))
        #expect(!weak.text.contains("short\""))
        let mismatch = try app.submit("/signup", to: "/signup", [
            ("username", "bob@example.com"), ("password", "long-enough-pass"), ("password_confirmation", "other-long-pass"),
        ])
        #expect(mismatch.status == .unprocessableContent)
        #expect(mismatch.text.contains("The two passwords differ."))
        try app.signUp("carol@example.com")
        let taken = try app.signUp("carol@example.com")
        #expect(taken.status == .conflict)
        #expect(taken.text.contains(#"id="username-error""#))
    }

    @Test func logoutEndsTheSessionOnTheServer() throws {
        let app = try WebTestApp().loggedIn()
        let oldCookie = try #require(app.cookies["mlp_session"])
        let logout = try app.submit("/account", to: "/logout", [])
        #expect(logout.status == .seeOther)
        #expect(logout.setCookie("mlp_session")?.contains("Max-Age=0") == true)
        // Replaying the old cookie: the session is revoked server-side, not only forgotten by the browser.
        app.cookies["mlp_session"] = oldCookie
        let account = app.send(.get, "/account")
        #expect(account.status == .seeOther)
        #expect(account.setCookie("mlp_session")?.contains("Max-Age=0") == true)
        #expect(app.send(.get, "/api/v1/users/me", headers: ["Cookie": "mlp_session=\(oldCookie)"], withCookies: false).status == .unauthorized)
    }

    @Test func protectedPagesRedirectToLoginAndBack() throws {
        let app = try WebTestApp()
        try app.signUp()
        let account = app.send(.get, "/account/delete")
        #expect(account.status == .seeOther)
        #expect(account.headers["Location"] == "/login?next=%2Faccount%2Fdelete")
        let form = app.send(.get, "/login?next=%2Faccount%2Fdelete")
        #expect(form.text.contains(#"name="next" value="/account/delete""#))
        let login = try app.submit("/login?next=%2Faccount%2Fdelete", to: "/login", [
            ("username", "alice@example.com"), ("password", "s3cret-enough"), ("next", "/account/delete"),
        ])
        #expect(login.headers["Location"] == "/account/delete")
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "account"])
    func loginNeverRedirectsOffSite(next: String) throws {
        let app = try WebTestApp()
        try app.signUp()
        let login = try app.submit("/login", to: "/login", [
            ("username", "alice@example.com"), ("password", "s3cret-enough"), ("next", next),
        ])
        #expect(login.status == .seeOther)
        #expect(login.headers["Location"] == WebRoutes.home)
    }

    @Test func closedSignUpOffersNoFormAndNoLink() throws {
        let app = try WebTestApp(signUpOpen: false)
        let home = app.send(.get, "/")
        #expect(home.status == .ok)
        #expect(!home.text.contains(#"href="/signup""#))
        #expect(home.text.contains("Accounts on this server are created by its administrator."))
        #expect(!app.send(.get, "/login").text.contains(#"href="/signup""#))
        let page = app.send(.get, "/signup")
        #expect(page.status == .forbidden)
        #expect(page.text.contains("Sign-up is closed on this server"))
        #expect(!page.text.contains(#"action="/signup""#))
        // A post anyway (a form kept from before, or a script): refused, nothing stored.
        let post = try app.submit("/login", to: "/signup", [
            ("username", "pat@example.com"), ("password", "s3cret-enough"), ("password_confirmation", "s3cret-enough"),
        ])
        #expect(post.status == .forbidden)
        #expect(app.store.read { $0.users.isEmpty })
    }

    @Test func openSignUpIsLinkedFromHomeLoginAndTheMenu() throws {
        let app = try WebTestApp()
        #expect(app.send(.get, "/").text.components(separatedBy: #"href="/signup""#).count == 3)
        #expect(app.send(.get, "/login").text.components(separatedBy: #"href="/signup""#).count == 3)
    }

    @Test func deletingTheAccountNeedsTheConfirmation() throws {
        let app = try WebTestApp().loggedIn()
        let unconfirmed = try app.submit("/account/delete", to: "/account/delete", [])
        #expect(unconfirmed.status == .unprocessableContent)
        #expect(unconfirmed.text.contains(#"id="confirm-error""#))
        #expect(app.store.read { $0.users.values.contains { !$0.user.isDeleted } })
        let deleted = try app.submit("/account/delete", to: "/account/delete", [("confirm", "yes")])
        #expect(deleted.status == .seeOther)
        #expect(deleted.headers["Location"] == "/")
        #expect(app.store.read { $0.users.values.allSatisfy { $0.user.isDeleted } })
        #expect(app.cookies["mlp_session"] == nil)
        #expect(app.send(.get, "/").text.contains("Your account has been deleted."))
    }
}
