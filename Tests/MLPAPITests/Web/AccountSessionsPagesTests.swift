import HTTP
@testable import MLPAPI
import Testing

/// The list of sessions on `/account`, as a browser uses it.
@Suite struct AccountSessionsPagesTests {
    static let firefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
    static let safariOnMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15"

    /// A second browser of alice's, logged in with this user agent.
    static func browser(of app: WebTestApp, userAgent: String) throws -> WebTestApp {
        let other = WebTestApp.sharing(app)
        let login = try other.submit("/login", to: "/login", [("username", "alice@example.com"), ("password", "s3cret-enough")],
                                     headers: ["User-Agent": userAgent])
        #expect(login.status == .seeOther)
        return other
    }

    /// The `action` of every "Log out" form of one session on the page.
    static func endActions(_ page: Response) -> [String] {
        page.text.components(separatedBy: #"<form method="post" action="/account/sessions/"#).dropFirst()
            .map { "/account/sessions/" + $0.prefix { $0 != "\"" } }.filter { $0.hasSuffix("/end") }
    }

    @Test func theAccountPageListsEachBrowserWithAButtonForTheOthersOnly() throws {
        let app = try WebTestApp().loggedIn()
        _ = try Self.browser(of: app, userAgent: Self.firefoxOnAndroid)
        _ = try Self.browser(of: app, userAgent: Self.safariOnMac)
        let page = app.send(.get, "/account")
        #expect(page.status == .ok)
        #expect(page.text.contains(#"<section class="card" id="sessions">"#))
        #expect(page.text.contains(#"title="\#(Self.firefoxOnAndroid)">Firefox on Android</strong>"#))
        #expect(page.text.contains(">Safari on macOS</strong>"))
        // The test browser sends no User-Agent.
        #expect(page.text.contains("<strong>Unknown client</strong>"))
        #expect(page.text.components(separatedBy: #"<span class="badge">This browser</span>"#).count == 2)
        // This browser comes first, although the other two logged in after it.
        let listed = page.text.components(separatedBy: #"<li class="session"#).dropFirst()
        #expect(listed.first?.contains("This browser") == true)
        #expect(page.text.contains("192.0.2.7"))
        // Two other sessions, two buttons, and one to log out everywhere else.
        #expect(Self.endActions(page).count == 2)
        #expect(page.text.contains(#"action="/account/sessions/end-others""#))
        #expect(page.text.contains("Log out everywhere else"))
    }

    @Test func loggingOutOneBrowserEndsItAndLeavesTheOthers() throws {
        let app = try WebTestApp().loggedIn()
        let phone = try Self.browser(of: app, userAgent: Self.firefoxOnAndroid)
        let mac = try Self.browser(of: app, userAgent: Self.safariOnMac)
        let phoneAction = try #require(Self.action(for: "Firefox on Android", on: app.send(.get, "/account")))
        let ended = try app.submit("/account", to: phoneAction, [])
        #expect(ended.status == .seeOther)
        #expect(ended.headers["Location"] == "/account#sessions")
        let after = app.send(.get, "/account")
        #expect(after.text.contains("That session has been logged out."))
        #expect(!after.text.contains("Firefox on Android"))
        #expect(after.text.contains("Safari on macOS"))
        #expect(phone.send(.get, "/account").status == .seeOther)
        #expect(mac.send(.get, "/account").status == .ok)
        #expect(app.send(.get, "/account").status == .ok)
        // The same button again (a second click, an old tab): already ended, said so, nothing else happens.
        let again = try app.submit("/account", to: phoneAction, [])
        #expect(again.status == .seeOther)
        #expect(app.send(.get, "/account").text.contains("That session had already ended."))
        #expect(mac.send(.get, "/account").status == .ok)
    }

    /// The "Log out" action of the session listed with this device name.
    static func action(for device: String, on page: Response) -> String? {
        let items = page.text.components(separatedBy: #"<li class="session"#).dropFirst()
        guard let item = items.first(where: { $0.contains(">\(device)</strong>") }),
              let range = item.range(of: #"action="/account/sessions/"#)
        else { return nil }
        return "/account/sessions/" + item[range.upperBound...].prefix { $0 != "\"" }
    }

    @Test func logOutEverywhereElseKeepsOnlyThisBrowser() throws {
        let app = try WebTestApp().loggedIn()
        let others = try [Self.firefoxOnAndroid, Self.safariOnMac, "curl/8.5.0"].map { try Self.browser(of: app, userAgent: $0) }
        let ended = try app.submit("/account", to: "/account/sessions/end-others", [])
        #expect(ended.status == .seeOther)
        let page = app.send(.get, "/account")
        #expect(page.text.contains("3 other sessions have been logged out."))
        #expect(Self.endActions(page).isEmpty)
        #expect(!page.text.contains("Log out everywhere else"))
        for other in others { #expect(other.send(.get, "/account").status == .seeOther) }
        #expect(try app.submit("/account", to: "/account/sessions/end-others", []).status == .seeOther)
        #expect(app.send(.get, "/account").text.contains("There was no other session to log out."))
    }

    @Test func anotherAccountsSessionCannotBeEndedFromThisPage() throws {
        let app = try WebTestApp().loggedIn()
        let phone = try Self.browser(of: app, userAgent: Self.firefoxOnAndroid)
        let action = try #require(Self.action(for: "Firefox on Android", on: app.send(.get, "/account")))
        let bob = WebTestApp.sharing(app)
        try bob.signUp("bob@example.com", "bobs-secret")
        try bob.logIn("bob@example.com", "bobs-secret")
        let tried = try bob.submit("/account", to: action, [])
        #expect(tried.status == .seeOther)
        #expect(bob.send(.get, "/account").text.contains("That session had already ended."))
        #expect(phone.send(.get, "/account").status == .ok)
        // Malformed ids are the same "not found", and end nothing.
        for id in ["0", "abc", "-4", "99999999999999999999"] {
            #expect(try bob.submit("/account", to: "/account/sessions/\(id)/end", []).status == .seeOther, "id \(id)")
        }
        #expect(phone.send(.get, "/account").status == .ok)
    }

    @Test func withoutTheCSRFTokenOrLoggedOutNothingEnds() throws {
        let app = try WebTestApp().loggedIn()
        let phone = try Self.browser(of: app, userAgent: Self.firefoxOnAndroid)
        let action = try #require(Self.action(for: "Firefox on Android", on: app.send(.get, "/account")))
        #expect(app.send(.post, action, form: [], headers: ["Origin": app.origin]).status == .forbidden)
        #expect(app.send(.post, "/account/sessions/end-others", form: [], headers: ["Origin": app.origin]).status == .forbidden)
        #expect(phone.send(.get, "/account").status == .ok)
        let stranger = WebTestApp.sharing(app)
        let loggedOut = try stranger.submit("/login", to: action, [])
        #expect(loggedOut.status == .seeOther)
        #expect(loggedOut.headers["Location"]?.hasPrefix("/login") == true)
        #expect(phone.send(.get, "/account").status == .ok)
    }

    @Test func aHostileUserAgentIsShownAsTextNotMarkup() throws {
        let app = try WebTestApp().loggedIn()
        _ = try Self.browser(of: app, userAgent: #"x"><script>alert(1)</script><b title=""#)
        let page = app.send(.get, "/account")
        #expect(page.status == .ok)
        #expect(!page.text.contains("<script>alert(1)</script>"))
        #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test(arguments: [
        (AccountSessionsPagesTests.firefoxOnAndroid, "Firefox on Android"),
        (AccountSessionsPagesTests.safariOnMac, "Safari on macOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iOS"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36", "Headless Chrome on Linux"),
        ("curl/8.5.0", "curl"),
        ("python-requests/2.32.3", "Python requests"),
        ("some-robot/1.0 (+https://example.org/a-very-long-description-of-the-robot)", "some-robot/1.0 (+https://example.org/a-v…"),
        ("", "Unknown client"),
    ])
    func aUserAgentIsNamedShortly(userAgent: String, name: String) {
        #expect(DeviceDescription.describe(userAgent) == name)
    }
}
