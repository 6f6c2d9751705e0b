import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// Gallery, upload, detail, edit and delete pages over the image use cases (fake model and processor).
@Suite struct ImagePagesTests {
    private func detailPath(_ response: Response) throws -> String {
        let location = try #require(response.headers["Location"], "no redirect: \(response.status) \(response.text.prefix(300))")
        #expect(location.hasPrefix("/images/"))
        return location
    }

    private func storedImages(_ app: WebTestApp) -> Int {
        app.imageStore.read { $0.images.count }
    }

    @Test func uploadThroughTheFormShowsTheLabelsOnTheDetailPage() throws {
        let app = try WebTestApp().loggedIn()
        let upload = try app.upload(FakePictures.jpeg(), title: "Morning coffee")
        #expect(upload.status == .seeOther)
        let detail = app.send(.get, try detailPath(upload))
        #expect(detail.status == .ok)
        #expect(detail.text.contains("Uploaded and classified."))
        #expect(detail.text.contains("<h1>Morning coffee</h1>"))
        #expect(detail.text.contains(#"<a class="prediction-label" href="/images?label=espresso" title="Your pictures labelled espresso">espresso</a>"#))
        #expect(detail.text.contains(#"<meter min="0" max="1" value="0.9000""#))
        #expect(detail.text.contains("90.0 %"))
        #expect(detail.text.contains("Model fake-net 1"))
        #expect(detail.text.contains(#"src="/api/v1/images/"#))
        #expect(!detail.text.contains("style="))
        // The picture URL the page uses works with the session cookie alone.
        let id = try detailPath(upload).split(separator: "/").last.map(String.init) ?? ""
        #expect(app.send(.get, "/api/v1/images/\(id)/content").status == .ok)
        #expect(app.send(.get, "/api/v1/images/\(id)/thumbnail").status == .ok)
        // The download link saves the original under its title.
        #expect(detail.text.contains(#"<a href="/api/v1/images/\#(id)/content?download=true" download>Download the original</a>"#))
        let saved = app.send(.get, "/api/v1/images/\(id)/content?download=true")
        #expect(saved.headers["Content-Disposition"]?.hasPrefix(#"attachment; filename="Morning coffee.jpg""#) == true)
        #expect(saved.body == FakePictures.jpeg())
        // And without the file's metadata, as a share link sends it.
        let link = #"<a href="/api/v1/images/\#(id)/content?download=true&amp;metadata=remove" download>Download without location and camera data</a>"#
        #expect(detail.text.contains(link))
        let cleaned = app.send(.get, "/api/v1/images/\(id)/content?download=true&metadata=remove")
        #expect(cleaned.headers["Content-Disposition"]?.hasPrefix(#"attachment; filename="Morning coffee.jpg""#) == true)
        #expect(cleaned.body == FakeProcessor().withoutMetadata(FakePictures.jpeg()))
    }

    @Test func thePageSaysWhenThePictureWasTakenWhenItsFileSays() throws {
        let app = try WebTestApp().loggedIn()
        let taken = app.send(.get, try detailPath(try app.upload(FakePictures.jpeg("taken 2026:03:12 14:03:22 +01:00")))).text
        #expect(taken.contains(
            #"<span>taken <a href="/images?sort=taken&amp;from=2026-03-12&amp;to=2026-03-12" title="Your pictures taken that day"><time datetime="2026-03-12T14:03:22+01:00">2026-03-12 14:03</time></a></span> · <span>uploaded"#
        ))
        let plain = app.send(.get, try detailPath(try app.upload(FakePictures.jpeg("no time")))).text
        #expect(!plain.contains("taken <time") && plain.contains("<span>uploaded <time"))
    }

    @Test func aScriptTitleIsShownEscaped() throws {
        let app = try WebTestApp().loggedIn()
        let path = try detailPath(try app.upload(FakePictures.jpeg(), title: "<script>alert(1)</script>"))
        for page in [path, "/images", path + "/delete"] {
            let html = app.send(.get, page).text
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page) does not show the escaped title")
            #expect(!html.contains("<script>alert(1)</script>"), "\(page) shows the title as markup")
        }
    }

    @Test func uploadWithoutTheTokenIsRefusedAndStoresNothing() throws {
        let app = try WebTestApp().loggedIn()
        let response = app.postMultipart("/images", fields: [("title", "sneaky")], file: FakePictures.jpeg())
        #expect(response.status == .forbidden)
        let token = try #require(app.send(.get, "/images/new").csrfToken)
        let foreign = app.postMultipart(
            "/images", fields: [("csrf_token", token)], file: FakePictures.jpeg(), headers: ["Origin": "https://evil.example"]
        )
        #expect(foreign.status == .forbidden)
        #expect(storedImages(app) == 0)
        #expect(app.classifier.calls == 0)
    }

    @Test func refusedUploadsKeepTheTitleAndSayWhy() throws {
        let app = try WebTestApp().loggedIn()
        let notAnImage = try app.upload(Array("hello".utf8), title: "My holiday")
        #expect(notAnImage.status == .unsupportedMediaType)
        #expect(notAnImage.text.contains(#"id="file-error""#))
        #expect(notAnImage.text.contains(#"value="My holiday""#))
        let noFile = try app.upload(nil, title: "My holiday")
        #expect(noFile.status == .unprocessableContent)
        #expect(noFile.text.contains("Choose a picture"))
        let longTitle = try app.upload(FakePictures.jpeg(), title: String(repeating: "x", count: 300))
        #expect(longTitle.status == .unprocessableContent)
        #expect(longTitle.text.contains(#"id="title-error""#))
        #expect(storedImages(app) == 0)
    }

    @Test func aPictureOverTheQuotaIsRefusedBesideTheFileFieldAndTheAccountShowsTheUse() throws {
        // FakePictures.jpeg("coffee-1") is 12 bytes: room for two.
        let app = try WebTestApp(quota: StorageQuota(maxBytesPerUser: 24)).loggedIn()
        #expect(app.send(.get, "/account").text.contains("<dt>Pictures</dt><dd>0 bytes of 24 bytes</dd>"))
        #expect(try app.upload(FakePictures.jpeg("coffee-1")).status == .seeOther)
        #expect(try app.upload(FakePictures.jpeg("coffee-2")).status == .seeOther)
        let refused = try app.upload(FakePictures.jpeg("coffee-3"), title: "Third cup")
        #expect(refused.status == .contentTooLarge)
        #expect(refused.text.contains(#"id="file-error">This picture (12 bytes) does not fit in your storage quota: 24 bytes of 24 bytes are in use. Delete some pictures first.</p>"#))
        #expect(refused.text.contains(#"value="Third cup""#))
        #expect(refused.text.components(separatedBy: "does not fit in your storage quota").count == 2, "said once, beside the file field")
        #expect(storedImages(app) == 2)
        #expect(app.send(.get, "/account").text.contains("<dt>Pictures</dt><dd>24 bytes of 24 bytes</dd>"))
        #expect(try WebTestApp().loggedIn().send(.get, "/account").text.contains("<dt>Pictures</dt><dd>0 bytes (no limit)</dd>"))
    }

    @Test func titleEditAndItsErrors() throws {
        let app = try WebTestApp().loggedIn()
        let path = try detailPath(try app.upload(FakePictures.jpeg()))
        #expect(app.send(.get, path).text.contains("Untitled picture"))
        let saved = try app.submit(path, to: path + "/title", [("title", "Espresso at noon")])
        #expect(saved.status == .seeOther)
        #expect(saved.headers["Location"] == path)
        let page = app.send(.get, path)
        #expect(page.text.contains("The title was saved."))
        #expect(page.text.contains("<h1>Espresso at noon</h1>"))
        let tooLong = String(repeating: "y", count: 300)
        let refused = try app.submit(path, to: path + "/title", [("title", tooLong)])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(#"id="title-error""#))
        #expect(refused.text.contains(#"value="\#(tooLong)""#))
        #expect(app.send(.get, path).text.contains("<h1>Espresso at noon</h1>"))
    }

    @Test func replacingThePictureClassifiesItAgain() throws {
        let app = try WebTestApp().loggedIn()
        let path = try detailPath(try app.upload(FakePictures.jpeg()))
        let token = try #require(app.send(.get, path).csrfToken)
        let replaced = app.postMultipart(path + "/picture", fields: [("csrf_token", token)], file: FakePictures.png())
        #expect(replaced.status == .seeOther)
        let page = app.send(.get, path)
        #expect(page.text.contains(#">tabby cat</a>"#))
        #expect(page.text.contains("earlier predictions kept"))
    }

    @Test func deletingNeedsTheConfirmationPost() throws {
        let app = try WebTestApp().loggedIn()
        let path = try detailPath(try app.upload(FakePictures.jpeg(), title: "Doomed"))
        let confirm = app.send(.get, path + "/delete")
        #expect(confirm.status == .ok)
        #expect(confirm.text.contains("Delete “Doomed”?"))
        #expect(app.send(.get, path).status == .ok, "showing the confirmation deletes nothing")
        let deleted = try app.submit(path + "/delete", to: path + "/delete", [])
        #expect(deleted.status == .seeOther)
        #expect(deleted.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("The picture was deleted."))
        let gone = app.send(.get, path)
        #expect(gone.status == .notFound)
        #expect(gone.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test func anotherUsersPictureIsNotFound() throws {
        let owner = try WebTestApp().loggedIn()
        let path = try detailPath(try owner.upload(FakePictures.jpeg(), title: "Private"))
        let other = WebTestApp.sharing(owner)
        try other.signUp("mallory@example.com")
        try other.logIn("mallory@example.com")
        #expect(other.send(.get, path).status == .notFound)
        #expect(other.send(.get, path + "/delete").status == .notFound)
        let token = try #require(other.send(.get, "/images").csrfToken)
        let attempt = other.send(.post, path + "/delete", form: [("csrf_token", token)], headers: ["Origin": other.origin])
        #expect(attempt.status == .notFound)
        #expect(owner.send(.get, path).status == .ok)
        #expect(!other.send(.get, "/images").text.contains("Private"))
    }

    @Test func galleryPagesAndSearchByTitleOrLabel() throws {
        let app = try WebTestApp().loggedIn()
        #expect(app.send(.get, "/images").text.contains("No pictures yet."))
        for index in 0..<ImagePages.pageSize {
            try app.upload(FakePictures.jpeg("coffee \(index)"), title: "Coffee \(index)")
        }
        try app.upload(FakePictures.png(), title: "Whiskers")
        let first = app.send(.get, "/images")
        #expect(first.text.components(separatedBy: #"<li class="tile">"#).count - 1 == ImagePages.pageSize)
        #expect(first.text.contains("Whiskers"), "newest first")
        #expect(first.text.contains("tabby cat"))
        let older = try #require(first.text.range(of: #"<a href="/images?before="#)).upperBound
        let link = "/images?before=" + first.text[older...].prefix { $0 != "\"" }
        let second = app.send(.get, link)
        #expect(second.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 1)
        #expect(second.text.contains("Coffee 0"))
        #expect(second.text.contains("← Newest"))
        let cats = app.send(.get, "/images?q=TABBY")
        #expect(cats.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 1)
        #expect(cats.text.contains(#"value="TABBY""#))
        #expect(app.send(.get, "/images?q=zebra").text.contains("No picture has a title or label containing “zebra”."))
        // By title.
        let coffee = app.send(.get, "/images?q=coffee%201")
        #expect(coffee.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 11, "Coffee 1, Coffee 10 to Coffee 19")
    }

    @Test func labelsPageCountsAndLinksToTheGalleryOfEachLabel() throws {
        let app = try WebTestApp().loggedIn()
        let empty = app.send(.get, "/labels")
        #expect(empty.status == .ok)
        #expect(empty.text.contains("No labels yet"))
        #expect(empty.text.contains(#"<a href="/labels">Labels</a>"#), "in the menu")
        for index in 0..<(ImagePages.pageSize + 1) {
            try app.upload(FakePictures.jpeg("coffee \(index)"), title: "Coffee \(index)")
        }
        try app.upload(FakePictures.png(), title: "Whiskers <b>")
        let page = app.send(.get, "/labels")
        #expect(page.status == .ok)
        let rows = page.text.components(separatedBy: "<tr>").dropFirst(2).map { String($0) }
        #expect(rows.count == 8, "espresso, tabby cat, class 3, class 4, cup, eggnog, Egyptian Mau, tiger cat")
        #expect(rows.first?.contains(#"<a href="/images?label=espresso">espresso</a>"#) == true)
        #expect(rows.first?.contains(#"<td class="number">25</td>"#) == true)
        #expect(rows[1].contains(#"<a href="/images?label=tabby%20cat">tabby cat</a>"#) || rows[1].contains(#"<a href="/images?label=tabby+cat">tabby cat</a>"#))
        #expect(rows[2].contains("class 3") && rows[2].contains(#"<td class="number">26</td>"#) && rows[2].contains(#"<td class="number">0</td>"#))
        #expect(!page.text.contains("most frequent"))

        // The gallery of one label: exactly that label, paged with it, a way back.
        let cats = app.send(.get, "/images?label=TABBY%20CAT")
        #expect(cats.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 1)
        #expect(cats.text.contains("Pictures labelled “TABBY CAT”"))
        #expect(cats.text.contains("Whiskers &lt;b&gt;"))
        #expect(app.send(.get, "/images?label=TABBY").text.contains("None of your pictures is labelled “TABBY”."))
        let coffees = app.send(.get, "/images?label=espresso")
        #expect(coffees.text.components(separatedBy: #"<li class="tile">"#).count - 1 == ImagePages.pageSize)
        let older = try #require(coffees.text.range(of: #"<a href="/images?before="#)).upperBound
        let link = "/images?before=" + coffees.text[older...].prefix { $0 != "\"" }
        #expect(link.hasSuffix("&amp;label=espresso"))
        let second = app.send(.get, link.replacingOccurrences(of: "&amp;", with: "&"))
        #expect(second.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 1)
        #expect(second.text.contains("Coffee 0"))
        #expect(second.text.contains(#"href="/images?label=espresso">← Newest"#))
        // Combined with a search, and an overlong label from a hand-made link is cut, not an error.
        let both = app.send(.get, "/images?label=espresso&q=coffee%202")
        #expect(both.text.components(separatedBy: #"<li class="tile">"#).count - 1 == 6, "Coffee 2 and Coffee 20 to 24")
        #expect(both.text.contains("whose title or label contains “coffee 2”"))
        #expect(app.send(.get, "/images?label=" + String(repeating: "x", count: 5000)).status == .ok)
    }

    @Test func picturesLikeThisListsTheOthersByOverlap() throws {
        let app = try WebTestApp().loggedIn()
        let coffee = try #require(try app.upload(FakePictures.jpeg("coffee 1"), title: "First coffee").headers["Location"])
        let detail = app.send(.get, coffee)
        #expect(detail.text.contains(#"<a href="\#(coffee)/similar">Find pictures like this</a>"#))
        #expect(app.send(.get, coffee + "/similar").text.contains("None of your other pictures shares a label with this one."))
        try app.upload(FakePictures.png("cat"), title: "Whiskers")
        try app.upload(FakePictures.jpeg("coffee 2"), title: "Second <coffee>")
        let page = app.send(.get, coffee + "/similar")
        #expect(page.status == .ok)
        #expect(page.text.contains("Pictures like “First coffee”"))
        let tiles = page.text.components(separatedBy: #"<li class="tile">"#).dropFirst()
        #expect(tiles.count == 2)
        #expect(tiles.first?.contains("Second &lt;coffee&gt;") == true, "the other coffee first")
        #expect(tiles.first?.contains("100.0 % alike") == true, "the overlap is capped at 100 % on the page")
        #expect(tiles.last?.contains("Whiskers") == true)
        #expect(tiles.last?.contains("40.5 % alike") == true)
        #expect(app.send(.get, "/images/999/similar").status == .notFound)
        #expect(WebTestApp.sharing(app).send(.get, coffee + "/similar").status == .seeOther)
    }

    @Test func duplicatesPageOffersToDeleteTheCopiesThroughTheConfirmation() throws {
        let app = try WebTestApp().loggedIn()
        #expect(app.send(.get, "/images").text.contains(#"<a href="/images/duplicates">Find duplicates</a>"#) == false, "no tiles yet")
        let original = try #require(try app.upload(FakePictures.jpeg("coffee"), title: "First").headers["Location"])
        try app.upload(FakePictures.jpeg("tea"), title: "Tea")
        let copy = try #require(try app.upload(FakePictures.jpeg("coffee"), title: "Copy <1>").headers["Location"])
        #expect(app.send(.get, "/images").text.contains(#"<a href="/images/duplicates">Find duplicates</a>"#))
        let page = app.send(.get, "/images/duplicates")
        #expect(page.status == .ok)
        #expect(page.text.contains("First") && page.text.contains("Copy &lt;1&gt;") && !page.text.contains("Tea"))
        #expect(page.text.contains(" · oldest"))
        let copyID = copy.split(separator: "/").last.map(String.init) ?? ""
        let link = "/images/delete?id=\(copyID)"
        #expect(page.text.contains(#"<a class="button secondary" href="\#(link)">Keep the oldest, delete the copy…</a>"#))
        // The link is the gallery's selection: a confirmation page, then the post deletes the copy only.
        let confirm = app.send(.get, link)
        #expect(confirm.status == .ok)
        #expect(confirm.text.contains("Copy &lt;1&gt;") && !confirm.text.contains(">First<"))
        let deleted = try app.submit(link, to: "/images/delete", [("id", copyID)])
        #expect(deleted.status == .seeOther)
        #expect(app.send(.get, copy).status == .notFound)
        #expect(app.send(.get, original).status == .ok)
        #expect(app.send(.get, "/images/duplicates").text.contains("No duplicates: none of your pictures is stored twice."))
        #expect(WebTestApp.sharing(app).send(.get, "/images/duplicates").status == .seeOther)
    }

    @Test func labelsPageSaysWhenItShowsOnlyTheMostFrequent() {
        let count = LabelCount(label: "espresso", images: 3, topImages: 2, bestScore: 0.5)
        #expect(LabelsView(.init(items: [count], total: 1)).partial == nil)
        #expect(LabelsView(.init(items: [count], total: 412)).partial == "The 1 most frequent of 412 labels are shown.")
        #expect(LabelsView(.init(items: [], total: 0)).table == nil)
    }

    @Test func imagePagesNeedALogin() throws {
        let app = try WebTestApp()
        for path in ["/images", "/images/new", "/images/1", "/images/1/delete"] {
            let response = app.send(.get, path)
            #expect(response.status == .seeOther)
            #expect(response.headers["Location"]?.hasPrefix("/login?next=%2Fimages") == true)
        }
    }
}
