import HTTP
@testable import MLPAPI
import Testing

/// Forms another site could post: refused with 403 before anything changes.
@Suite struct CSRFTests {
    private func activeUsers(_ app: WebTestApp) -> Int {
        app.store.read { $0.users.values.filter { !$0.user.isDeleted }.count }
    }

    @Test func formPostWithoutTheTokenIsRefusedAndChangesNothing() throws {
        let app = try WebTestApp().loggedIn()
        let response = app.send(.post, "/account/delete", form: [("confirm", "yes")], headers: ["Origin": app.origin])
        #expect(response.status == .forbidden)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.text.contains("security token"))
        #expect(activeUsers(app) == 1)
        #expect(app.send(.get, "/account").status == .ok)
    }

    @Test func aWrongOrForeignTokenIsRefused() throws {
        let app = try WebTestApp().loggedIn()
        let other = try WebTestApp().loggedIn()
        let foreignToken = try #require(other.send(.get, "/account").csrfToken)
        for token in ["", "x", foreignToken] {
            let response = app.send(.post, "/logout", form: [("csrf_token", token)])
            #expect(response.status == .forbidden)
        }
        #expect(app.send(.get, "/account").status == .ok)
    }

    @Test func aForeignOriginIsRefusedEvenWithTheToken() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.submit("/account/delete", to: "/account/delete", [("confirm", "yes")], headers: ["Origin": "https://evil.example"])
        #expect(response.status == .forbidden)
        #expect(activeUsers(app) == 1)
        let null = try app.submit("/account/delete", to: "/account/delete", [("confirm", "yes")], headers: ["Origin": "null"])
        #expect(null.status == .forbidden)
        #expect(activeUsers(app) == 1)
    }

    @Test func crossSiteFetchMetadataIsRefused() throws {
        let app = try WebTestApp().loggedIn()
        let token = try #require(app.send(.get, "/account").csrfToken)
        let response = app.send(.post, "/logout", form: [("csrf_token", token)], headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(response.status == .forbidden)
        #expect(app.send(.get, "/account").status == .ok)
    }

    @Test func theOriginMayComeThroughAProxyHost() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.submit("/account", to: "/logout", [], headers: [
            "Origin": "http://public.example", "X-Forwarded-Host": "public.example",
        ])
        #expect(response.status == .seeOther)
    }

    @Test func loginFormIsProtectedBeforeThereIsASession() throws {
        let app = try WebTestApp()
        try app.signUp()
        // Another site posting its own credentials into the victim's browser: no pre-session cookie and token pair.
        let forged = app.send(.post, "/login", form: [("username", "alice@example.com"), ("password", "s3cret-enough")], withCookies: false)
        #expect(forged.status == .forbidden)
        #expect(forged.setCookie("mlp_session") == nil)
        let preSession = try #require(app.cookies["mlp_csrf"])
        #expect(app.send(.get, "/login").setCookie("mlp_csrf") == nil, "the pre-session cookie is kept, not renewed")
        #expect(app.cookies["mlp_csrf"] == preSession)
    }

    @Test func apiRequestsAuthenticatedByTheCookieNeedTheTokenHeader() throws {
        let app = try WebTestApp().loggedIn()
        let refused = app.send(.post, "/api/v1/auth/logout")
        #expect(refused.status == .forbidden)
        #expect(refused.headers["Content-Type"] == "application/problem+json")
        #expect(app.send(.get, "/account").status == .ok)
        let token = try #require(app.send(.get, "/account").csrfToken)
        let foreign = app.send(.post, "/api/v1/auth/logout", headers: ["X-CSRF-Token": token, "Origin": "https://evil.example"])
        #expect(foreign.status == .forbidden)
        let accepted = app.send(.post, "/api/v1/auth/logout", headers: ["X-CSRF-Token": token])
        #expect(accepted.status == .noContent)
        #expect(app.send(.get, "/account").status == .seeOther)
    }
}

/// The origin comparison on its own.
@Suite struct OriginTests {
    private func request(host: String, secure: Bool = false) -> Request {
        Request(method: .post, path: "/logout", headers: ["Host": host], isSecure: secure)
    }

    @Test func portsCountOnlyWhenTheHostHeaderHasOne() {
        #expect(CSRFMiddleware.isSameOrigin("http://127.0.0.1:18080", request(host: "127.0.0.1")))
        #expect(CSRFMiddleware.isSameOrigin("http://127.0.0.1:18080", request(host: "127.0.0.1:18080")))
        #expect(!CSRFMiddleware.isSameOrigin("http://127.0.0.1:9999", request(host: "127.0.0.1:18080")))
        #expect(CSRFMiddleware.isSameOrigin("https://mlp.example", request(host: "mlp.example:443", secure: true)))
        #expect(CSRFMiddleware.isSameOrigin("http://[::1]:8080", request(host: "[::1]:8080")))
    }

    @Test func otherHostsAndSchemesAreForeign() {
        #expect(!CSRFMiddleware.isSameOrigin("http://evil.example", request(host: "mlp.example")))
        #expect(!CSRFMiddleware.isSameOrigin("http://mlp.example.evil.example", request(host: "mlp.example")))
        #expect(!CSRFMiddleware.isSameOrigin("http://mlp.example", request(host: "mlp.example", secure: true)))
        #expect(!CSRFMiddleware.isSameOrigin("null", request(host: "mlp.example")))
        #expect(!CSRFMiddleware.isSameOrigin("http://", request(host: "")))
    }
}
