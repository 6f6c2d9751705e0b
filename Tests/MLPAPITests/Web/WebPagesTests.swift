import HTTP
@testable import MLPAPI
import Testing

/// What every page carries: escaping, security headers, readable errors, flash messages.
@Suite struct WebPagesTests {
    @Test(arguments: ["/", "/login", "/signup", "/logout", "/account"])
    func everyPageHasTheSecurityHeaders(path: String) throws {
        let app = try WebTestApp()
        let response = app.send(.get, path)
        #expect(response.headers["Content-Security-Policy"]?.contains("script-src 'none'") == true)
        #expect(response.headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(response.headers["X-Frame-Options"] == "DENY")
        #expect(response.headers["Referrer-Policy"] == "same-origin")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test(arguments: ["/", "/login", "/signup"])
    func pagesHaveNoInlineScriptOrStyleAndALabelPerInput(path: String) throws {
        let html = try WebTestApp().send(.get, path).text
        #expect(html.contains("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("style="))
        #expect(!html.contains("<style"))
        let visibleInputs = html.components(separatedBy: "<input id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        for id in visibleInputs {
            #expect(html.contains(#"<label for="\#(id)">"#), "input \(id) has no label")
        }
    }

    @Test func userInputIsEscaped() throws {
        let app = try WebTestApp()
        let response = try app.signUp("<script>alert(1)</script>", "s3cret-enough")
        #expect(response.status == .unprocessableContent)
        #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!response.text.contains("<script>alert(1)"))
        let quote = try app.submit("/login", to: "/login", [("username", #"x" onfocus="alert(1)"#), ("password", "p")])
        #expect(quote.text.contains(#"value="x&quot; onfocus=&quot;alert(1)""#))
    }

    @Test func pageRouteErrorsAreHTMLButUnknownPathsKeepProblems() throws {
        let app = try WebTestApp().loggedIn()
        let missing = app.send(.get, "/images/999999")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(missing.text.contains("Page not found"))
        #expect(app.send(.get, "/images/not-a-number").status == .notFound)
        let method = app.send(.get, "/logout")
        #expect(method.status == .methodNotAllowed)
        #expect(method.headers["Allow"] == "POST")
        #expect(method.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(method.text.contains("Method not allowed"))
        #expect(app.send(.delete, "/images").headers["Allow"] == "GET, HEAD, POST")
        // Paths no route knows: the router's problem+json, as before the pages existed.
        for path in ["/nope", "/images/1/nothing", "/api/v1/nothing"] {
            let unknown = app.send(.get, path)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers["Content-Type"] == "application/problem+json", "\(path)")
        }
        #expect(app.send(.delete, "/api/v1/version").status == .methodNotAllowed)
        #expect(app.send(.get, "/api/v1/version").status == .ok)
    }

    @Test func aFlashIsShownOnceAndATamperedOneNever() throws {
        let app = try WebTestApp()
        try app.signUp()
        let first = app.send(.get, "/login")
        #expect(first.text.contains("is ready"))
        #expect(!app.send(.get, "/login").text.contains("is ready"))
        app.cookies["mlp_flash"] = "notice.PHNjcmlwdD4.forged"
        let forged = app.send(.get, "/login")
        #expect(!forged.text.contains("flash"))
    }

    @Test func loggedInVisitorsSkipTheLandingPage() throws {
        let app = try WebTestApp().loggedIn()
        let home = app.send(.get, "/")
        #expect(home.status == .seeOther)
        #expect(home.headers["Location"] == WebRoutes.home)
    }

    @Test func missingTemplatesStopTheStart() {
        let configuration = WebConfiguration(templatesDirectory: "/nonexistent/templates", secretKey: Array("k".utf8))
        #expect(throws: WebConfigurationError.self) {
            _ = try WebPages(configuration: configuration, mac: WebTestApp.mac, tokens: FakeTokens())
        }
    }

    @Test func theSecretKeyMustBeLongEnough() throws {
        #expect(throws: WebConfigurationError.self) {
            _ = try WebConfiguration.fromEnvironment(["MLP_SECRET_KEY": "short"], randomToken: { "r" })
        }
        let generated = try WebConfiguration.fromEnvironment([:], randomToken: { "random" })
        #expect(generated.secretKeyIsEphemeral)
        #expect(generated.templatesDirectory == "Resources/templates")
    }
}
