import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The "Share" card of a picture's page, and the public page of a link.
@Suite struct SharePagesTests {
    private func sharedPath(_ page: Response) -> String? {
        guard let start = page.text.range(of: #"<a href="/s/"#)?.upperBound else { return nil }
        return "/s/" + page.text[start...].prefix { $0 != "\"" }
    }

    @Test func theOwnerMakesALinkThatAnyoneCanOpenUntilItIsStopped() throws {
        let owner = try WebTestApp().loggedIn()
        let upload = try owner.upload(FakePictures.jpeg("coffee to share"), title: "Morning <coffee>")
        let detail = try #require(upload.headers["Location"])
        let before = owner.send(.get, detail)
        #expect(before.text.contains("Make a link"))
        #expect(sharedPath(before) == nil)

        let made = try owner.submit(detail, to: detail + "/share", [])
        #expect(made.status == .seeOther)
        #expect(made.headers["Location"] == detail + "#share")
        let page = owner.send(.get, detail)
        #expect(page.text.contains("Anyone with the link can now see this picture."))
        let path = try #require(sharedPath(page))
        #expect(page.text.contains(#"value="http://mlp.test\#(path)""#), "the whole link to copy")
        #expect(page.text.contains("Stop sharing"))
        #expect(page.text.contains("A link shows the picture without what its file says besides it"), "the owner is told what a link leaves out")
        // Making it again keeps the same link.
        _ = try owner.submit(detail, to: detail + "/share", [])
        #expect(sharedPath(owner.send(.get, detail)) == path)

        // A visitor without an account sees the picture, its title and labels, nothing of the owner.
        let visitor = WebTestApp.sharing(owner)
        let shared = visitor.send(.get, path)
        #expect(shared.status == .ok)
        #expect(shared.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(shared.headers["X-Robots-Tag"] == "noindex, nofollow")
        #expect(shared.headers["Content-Security-Policy"] != nil)
        #expect(shared.text.contains("<h1>Morning &lt;coffee&gt;</h1>"))
        #expect(shared.text.contains(#"<span class="prediction-label">espresso</span>"#))
        #expect(shared.text.contains(#"src="\#(path)/content""#))
        #expect(!shared.text.contains("@example"), "no username on the page")
        #expect(!shared.text.contains("/images?label="), "no links into the owner's gallery")
        let picture = visitor.send(.get, path + "/content")
        #expect(picture.status == .ok)
        // Through the processor's metadata removal (the fake says so); the owner still gets the file as uploaded.
        #expect(picture.body == FakeProcessor().withoutMetadata(FakePictures.jpeg("coffee to share")))
        #expect(picture.headers["ETag"] == "\"\(FakeDigester().sha256Hex(picture.body))\"")
        #expect(picture.headers["Cache-Control"] == "private, max-age=0")
        #expect(picture.headers["X-Robots-Tag"] == "noindex, nofollow")
        let etag = try #require(picture.headers["ETag"])
        #expect(visitor.send(.get, path + "/content", headers: ["If-None-Match": etag]).status == .notModified)
        #expect(visitor.send(.get, path + "/thumbnail").status == .ok)
        #expect(visitor.send(.get, detail).status == .seeOther, "the owner's page still needs the login")

        // Stopped: the link, its picture and its thumbnail are 404 pages.
        let stopped = try owner.submit(detail, to: detail + "/share/delete", [])
        #expect(stopped.status == .seeOther)
        #expect(owner.send(.get, detail).text.contains("The link no longer works."))
        for suffix in ["", "/content", "/thumbnail"] {
            let gone = visitor.send(.get, path + suffix)
            #expect(gone.status == .notFound, "\(suffix)")
            #expect(gone.headers["Content-Type"]?.hasPrefix("text/html") == true, "\(suffix)")
        }
        #expect(visitor.send(.get, path + "/content", headers: ["If-None-Match": etag]).status == .notFound)
    }

    @Test func theAccountPageListsTheSharedPicturesAndStopsThem() throws {
        let owner = try WebTestApp().loggedIn()
        #expect(owner.send(.get, "/account").text.contains("None of your pictures or albums is shared."))
        let first = try #require(try owner.upload(FakePictures.jpeg("one"), title: "First <one>").headers["Location"])
        let second = try #require(try owner.upload(FakePictures.jpeg("two"), title: "Second").headers["Location"])
        _ = try owner.upload(FakePictures.jpeg("three"), title: "Private")
        for detail in [first, second] { _ = try owner.submit(detail, to: detail + "/share", []) }
        let account = owner.send(.get, "/account")
        #expect(account.text.contains("Anyone with one of these links can see the picture"))
        #expect(account.text.contains(#"<a href="\#(first)">First &lt;one&gt;</a>"#))
        #expect(account.text.contains(#"<a href="\#(second)">Second</a>"#))
        #expect(!account.text.contains("Private"))
        let path = try #require(sharedPath(owner.send(.get, first)))
        #expect(account.text.contains(#"<a href="\#(path)">link</a>"#))
        // Stopping from the account page comes back to it.
        let stopped = try owner.submit("/account", to: first + "/share/delete", [("from", "account")])
        #expect(stopped.headers["Location"] == "/account#shares")
        let after = owner.send(.get, "/account")
        #expect(after.text.contains("The link no longer works."))
        #expect(!after.text.contains("First &lt;one&gt;"))
        #expect(after.text.contains(#"<a href="\#(second)">Second</a>"#))
        #expect(WebTestApp.sharing(owner).send(.get, path).status == .notFound)
    }

    @Test func linksOfDeletedPicturesAndMadeUpTokensAreNotFound() throws {
        let owner = try WebTestApp().loggedIn()
        let detail = try #require(try owner.upload(FakePictures.jpeg()).headers["Location"])
        _ = try owner.submit(detail, to: detail + "/share", [])
        let path = try #require(sharedPath(owner.send(.get, detail)))
        #expect(try owner.submit(detail + "/delete", to: detail + "/delete", []).status == .seeOther)
        let visitor = WebTestApp.sharing(owner)
        #expect(visitor.send(.get, path).status == .notFound)
        for made in ["/s/x", "/s/" + String(repeating: "A", count: 43), "/s/%00", "/s/" + String(repeating: "z", count: 5000)] {
            #expect(visitor.send(.get, made).status == .notFound, "\(made)")
        }
        #expect(visitor.send(.post, path).status == .methodNotAllowed)
    }

    @Test func sharingNeedsTheOwnerAndTheFormToken() throws {
        let owner = try WebTestApp().loggedIn()
        let detail = try #require(try owner.upload(FakePictures.jpeg()).headers["Location"])
        let other = WebTestApp.sharing(owner)
        try other.signUp("eve@example.com")
        try other.logIn("eve@example.com")
        #expect(try other.submit("/images", to: detail + "/share", []).status == .notFound)
        #expect(try other.submit("/images", to: detail + "/share/delete", []).status == .notFound)
        #expect(owner.send(.post, detail + "/share", form: [], headers: ["Origin": owner.origin]).status == .forbidden, "no CSRF token")
        #expect(sharedPath(owner.send(.get, detail)) == nil)
        let loggedOut = WebTestApp.sharing(owner)
        let refused = try loggedOut.submit("/login", to: detail + "/share", [])
        #expect(refused.status == .seeOther)
        #expect(refused.headers["Location"]?.hasPrefix("/login?next=") == true)
        #expect(sharedPath(owner.send(.get, detail)) == nil)
    }
}
