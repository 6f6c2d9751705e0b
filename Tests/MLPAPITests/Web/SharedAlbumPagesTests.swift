import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The "Share" card of an album's page, the public pages of an album's link, and the account's list.
@Suite struct SharedAlbumPagesTests {
    private func sharedPath(_ page: Response) -> String? {
        guard let start = page.text.range(of: #"<a href="/a/"#)?.upperBound else { return nil }
        return "/a/" + page.text[start...].prefix { $0 != "\"" }
    }

    private func albumWith(_ owner: WebTestApp, pictures names: [String]) throws -> (album: String, ids: [Int64]) {
        for start in stride(from: 0, to: names.count, by: UploadForm.maxFiles) {
            let batch = names[start..<min(start + UploadForm.maxFiles, names.count)]
            try owner.upload(files: batch.map { ("\($0).jpg", FakePictures.jpeg($0)) })
        }
        let ids = owner.imageStore.read { $0.images.values.filter { !$0.isDeleted }.map(\.image.id).sorted() }
        let made = try owner.submit(
            "/images/album?id=\(ids[0])", to: "/images/album", ids.map { ("id", "\($0)") } + [("album", "new"), ("new_album", "Trip <2026>")]
        )
        return (try #require(made.headers["Location"]), ids)
    }

    @Test func theOwnerSharesAnAlbumThatAnyoneCanBrowseUntilItIsStopped() throws {
        let owner = try WebTestApp().loggedIn()
        let (album, ids) = try albumWith(owner, pictures: ["first", "second"])
        try owner.upload(files: [("outside.jpg", FakePictures.jpeg("outside"))])
        let outside = try #require(owner.imageStore.read { $0.images.keys.max() })
        let before = owner.send(.get, album)
        #expect(before.text.contains("Make a link") && sharedPath(before) == nil)

        let made = try owner.submit(album, to: album + "/share", [])
        #expect(made.status == .seeOther && made.headers["Location"] == album + "#share")
        let page = owner.send(.get, album)
        #expect(page.text.contains("Anyone with the link can now see the pictures in this album."))
        let path = try #require(sharedPath(page))
        #expect(page.text.contains(#"value="http://mlp.test\#(path)""#), "the whole link to copy")
        _ = try owner.submit(album, to: album + "/share", [])
        #expect(sharedPath(owner.send(.get, album)) == path, "making it again keeps the same link")

        // A visitor without an account: the album's name and its pictures' tiles under the link, nothing of the owner.
        let visitor = WebTestApp.sharing(owner)
        let shared = visitor.send(.get, path)
        #expect(shared.status == .ok)
        #expect(shared.headers["X-Robots-Tag"] == "noindex, nofollow")
        #expect(shared.text.contains("<h1>Trip &lt;2026&gt;</h1>") && shared.text.contains("2 pictures"))
        for id in ids {
            #expect(shared.text.contains(#"href="\#(path)/\#(id)""#) && shared.text.contains(#"src="\#(path)/\#(id)/thumbnail""#))
        }
        #expect(!shared.text.contains("@example") && !shared.text.contains("/images/"), "no username, no links into the gallery")
        #expect(!shared.text.contains("Take out"), "none of the owner's forms")

        let one = visitor.send(.get, "\(path)/\(ids[1])")
        #expect(one.status == .ok && one.headers["X-Robots-Tag"] == "noindex, nofollow")
        #expect(one.text.contains(#"<a href="\#(path)">← Trip &lt;2026&gt;</a> <span class="muted">1 of 2</span>"#), "the way back")
        #expect(one.text.contains(#"<a href="\#(path)/\#(ids[0])" rel="next">Older →</a>"#) && !one.text.contains("← Newer"))
        let older = visitor.send(.get, "\(path)/\(ids[0])").text
        #expect(older.contains("2 of 2") && older.contains(#"<a href="\#(path)/\#(ids[1])" rel="prev">← Newer</a>"#))
        #expect(!older.contains("Older →"))
        #expect(one.text.contains(#"src="\#(path)/\#(ids[1])/content""#))
        #expect(one.text.contains(#"<span class="prediction-label">espresso</span>"#))
        let bytes = visitor.send(.get, "\(path)/\(ids[1])/content")
        #expect(bytes.status == .ok && bytes.body == FakeProcessor().withoutMetadata(FakePictures.jpeg("second")))
        #expect(bytes.headers["Cache-Control"] == "private, max-age=0" && bytes.headers["X-Robots-Tag"] == "noindex, nofollow")
        #expect(visitor.send(.get, "\(path)/\(ids[0])/thumbnail").status == .ok)
        // The owner's other pictures are not reachable through the link; nor are malformed ids.
        for suffix in ["/\(outside)", "/\(outside)/content", "/\(outside)/thumbnail", "/0", "/abc", "/99999999999999999999", "/-1/content"] {
            let refused = visitor.send(.get, path + suffix)
            #expect(refused.status == .notFound, "\(suffix)")
            #expect(refused.headers["Content-Type"]?.hasPrefix("text/html") == true, "\(suffix)")
        }

        // Stopped: every page and picture under the link is a 404 page.
        #expect(try owner.submit(album, to: album + "/share/delete", []).status == .seeOther)
        #expect(owner.send(.get, album).text.contains("The link no longer works."))
        for suffix in ["", "/\(ids[0])", "/\(ids[0])/content", "/\(ids[0])/thumbnail"] {
            #expect(visitor.send(.get, path + suffix).status == .notFound, "\(suffix)")
        }
        #expect(visitor.send(.get, "/a/not-a-token").status == .notFound)
    }

    @Test func aSharedAlbumPagesItsPicturesAndTheAccountListsIt() throws {
        let owner = try WebTestApp().loggedIn()
        let names = (1...(ImagePages.albumPageSize + 1)).map { "picture \($0)" }
        let (album, ids) = try albumWith(owner, pictures: names)
        _ = try owner.submit(album, to: album + "/share", [])
        let path = try #require(sharedPath(owner.send(.get, album)))
        let visitor = WebTestApp.sharing(owner)
        let first = visitor.send(.get, path)
        #expect(first.text.contains("\(names.count) pictures"))
        #expect(first.text.contains(#"href="\#(path)?before=\#(ids[1])""#), "older pictures on the next page")
        #expect(!first.text.contains(#"href="\#(path)/\#(ids[0])""#))
        let second = visitor.send(.get, "\(path)?before=\(ids[1])")
        #expect(second.text.contains(#"href="\#(path)/\#(ids[0])""#) && second.text.contains("← Newest pictures"))

        let account = owner.send(.get, "/account")
        #expect(account.text.contains(#"Album <a href="\#(album)">Trip &lt;2026&gt;</a>"#))
        #expect(account.text.contains(#"action="\#(album)/share/delete""#))
        let stopped = try owner.submit("/account", to: album + "/share/delete", [("from", "account")])
        #expect(stopped.headers["Location"] == "/account#shares")
        #expect(owner.send(.get, "/account").text.contains("None of your pictures or albums is shared."))
        #expect(visitor.send(.get, path).status == .notFound)
    }

    @Test func onlyTheOwnerSharesAnAlbum() throws {
        let owner = try WebTestApp().loggedIn()
        let (album, _) = try albumWith(owner, pictures: ["mine"])
        let other = try owner.anotherAccount("bob@example.com")
        let refused = try other.submit("/images", to: album + "/share", [])
        #expect(refused.status == .notFound)
        #expect(sharedPath(owner.send(.get, album)) == nil)
    }
}
