import HTTP
@testable import MLPAPI
import Testing

/// What every page carries: escaping, security headers, readable errors, flash messages.
@Suite struct WebPagesTests {
    @Test(arguments: ["/", "/login", "/signup", "/nope", "/account"])
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

    @Test func unknownPagesAndMethodsAreHTMLButTheAPIKeepsProblems() throws {
        let app = try WebTestApp()
        let missing = app.send(.get, "/no/such/page")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(missing.text.contains("Page not found"))
        let method = app.send(.get, "/logout")
        #expect(method.status == .methodNotAllowed)
        #expect(method.headers["Allow"] == "POST")
        #expect(method.text.contains("Method not allowed"))
        let notBrowser = app.send(.get, "/nope", headers: ["Accept": "*/*"])
        #expect(notBrowser.status == .notFound)
        #expect(notBrowser.headers["Content-Type"] == "application/problem+json")
        let api = app.send(.get, "/api/v1/nothing")
        #expect(api.status == .notFound)
        #expect(api.headers["Content-Type"] == "application/problem+json")
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
