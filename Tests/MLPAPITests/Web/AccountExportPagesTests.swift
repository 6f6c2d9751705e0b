import HTTP
@testable import MLPAPI
import Testing

/// "Download all my pictures" on the account page, as a browser uses it.
@Suite struct AccountExportPagesTests {
    @Test func theAccountPageLinksTheDownloadAndItGivesEveryPicture() throws {
        let app = try WebTestApp().loggedIn()
        let page = app.send(.get, "/account")
        #expect(page.text.contains(#"<a class="button secondary" href="/account/export" download>Download all my pictures</a>"#))
        try app.upload(FakePictures.jpeg("coffee"), title: "Coffee")
        try app.upload(FakePictures.png("cat"), title: "Cat")

        let download = app.send(.get, "/account/export")
        #expect(download.status == .ok)
        #expect(download.headers["Content-Type"] == "application/x-tar")
        #expect(download.headers["Content-Disposition"]?.hasPrefix("attachment; filename=\"mlp-export-") == true)
        let members = try TarMember.members(of: try #require(download.stream).collected())
        let pictures = members.filter { $0.name.hasSuffix(".jpg") || $0.name.hasSuffix(".png") }
        #expect(pictures.map(\.bytes) == [FakePictures.jpeg("coffee"), FakePictures.png("cat")])
        #expect(members.contains { $0.name == "mlp-export/account.json" && String(decoding: $0.bytes, as: UTF8.self).contains("alice@example.com") })
    }

    @Test func loggedOutTheDownloadGoesToTheLoginPage() throws {
        let app = try WebTestApp()
        let response = app.send(.get, "/account/export")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"]?.hasPrefix("/login") == true)
        #expect(response.stream == nil)
    }

    @Test func whenTooManyExportsRunTheBrowserGetsAReadablePage() throws {
        let app = try WebTestApp(maxConcurrentExports: 1).loggedIn()
        let running = app.send(.get, "/account/export")
        #expect(running.status == .ok)
        withExtendedLifetime(running) {  // its slot is held while the first download is not written
            let refused = app.send(.get, "/account/export")
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers["Content-Type"] == "text/html; charset=utf-8")
            #expect(refused.headers["Retry-After"] == "30")
            #expect(refused.text.contains("Too many exports are running right now; try again in a minute."))
        }
    }
}
