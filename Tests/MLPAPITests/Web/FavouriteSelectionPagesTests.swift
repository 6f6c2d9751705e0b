import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// The gallery's selection added to the favourites, or taken out of them: a confirmation page, one post.
@Suite struct FavouriteSelectionPagesTests {
    private func uploadThree(_ app: WebTestApp) throws -> [Int64] {
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b")), ("c.jpg", FakePictures.jpeg("c"))])
        return app.imageStore.read { $0.images.values.map(\.image.id).sorted() }
    }

    private func favourites(_ app: WebTestApp) -> [Int64] {
        app.imageStore.read { $0.images.values.filter { $0.image.favourite }.map(\.image.id).sorted() }
    }

    private func post(_ app: WebTestApp, _ ids: [Int64], favourite: String) throws -> Response {
        let token = try #require(app.send(.get, "/images").csrfToken)
        return app.send(.post, "/images/favourite", form: [("csrf_token", token), ("favourite", favourite)] + ids.map { ("id", "\($0)") },
                        headers: ["Origin": app.origin])
    }

    @Test func aSelectionIsAddedAndThenPartlyTakenOut() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        #expect(app.send(.get, "/images").text.contains(
            #"<button type="submit" form="selection" formaction="/images/favourite" class="secondary">Add the selected pictures to your favourites…</button>"#))

        let confirm = app.send(.get, "/images/favourite?id=\(stored[0])&id=\(stored[2])")
        #expect(confirm.status == .ok)
        #expect(confirm.text.contains("<h1>These 2 pictures and your favourites</h1>"))
        #expect(confirm.text.contains(#"<input type="hidden" name="id" value="\#(stored[0])">"#))
        #expect(confirm.text.contains(#"<input type="hidden" name="id" value="\#(stored[2])">"#))
        #expect(!confirm.text.contains(#"value="\#(stored[1])""#))
        #expect(confirm.text.contains(#"<button type="submit" name="favourite" value="true">☆ Add the 2 pictures to your favourites</button>"#))
        #expect(!confirm.text.contains(#"value="false""#), "none of them is a favourite yet")
        #expect(favourites(app).isEmpty, "the page changes nothing")

        let added = try post(app, [stored[0], stored[2]], favourite: "true")
        #expect(added.status == .seeOther)
        #expect(added.headers["Location"] == "/images?favourite=true")
        let shown = app.send(.get, "/images?favourite=true").text
        #expect(shown.contains("2 pictures are among your favourites now."))
        #expect(shown.components(separatedBy: #"<li class="tile">"#).count - 1 == 2)
        #expect(favourites(app) == [stored[0], stored[2]])

        // One of two already a favourite: both buttons, each saying what it changes.
        let mixed = app.send(.get, "/images/favourite?id=\(stored[0])&id=\(stored[1])").text
        #expect(mixed.contains("☆ Add the other one to your favourites</button>"))
        #expect(mixed.contains(#"<button type="submit" name="favourite" value="false" class="secondary">Take out the one already among your favourites</button>"#))
        #expect(mixed.components(separatedBy: "★ one of your favourites").count - 1 == 1)
        let takenOut = try post(app, [stored[0], stored[1]], favourite: "false")
        #expect(takenOut.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("2 pictures are no longer among your favourites."))
        #expect(favourites(app) == [stored[2]])
        #expect(app.send(.get, "/images/favourite?id=\(stored[2])").text.contains(">Take it out of your favourites</button>"))
        #expect(!app.send(.get, "/images/favourite?id=\(stored[2])").text.contains("☆ Add"), "nothing left to add")
    }

    @Test func anotherAccountsPicturesNothingSelectedTooManyAndForgedPostsChangeNothing() throws {
        let app = try WebTestApp().loggedIn()
        let mine = try uploadThree(app)
        let other = try app.anotherAccount("bob@example.com")
        try other.upload(FakePictures.jpeg("bob"), title: "Bob's")
        let bobs = try #require(app.imageStore.read { $0.images.values.map(\.image.id) }.first { !mine.contains($0) })

        let confirm = app.send(.get, "/images/favourite?id=\(bobs)&id=\(mine[0])").text
        #expect(confirm.contains("<h1>This picture and your favourites</h1>"))
        #expect(confirm.contains("☆ Add it to your favourites</button>"))
        #expect(!confirm.contains("Bob&#39;s") && !confirm.contains(#"value="\#(bobs)""#))
        #expect(app.send(.get, "/images/favourite?id=\(bobs)").status == .seeOther)
        #expect(app.send(.get, "/images").text.contains("The selected pictures no longer exist."))
        #expect(try post(app, [bobs], favourite: "true").headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("Nothing changed: the selected pictures no longer exist."))

        #expect(app.send(.get, "/images/favourite").status == .seeOther)
        #expect(app.send(.get, "/images").text.contains("Select the pictures for your favourites first."))
        let tooMany = app.send(.get, "/images/favourite?" + (1...101).map { "id=\($0)" }.joined(separator: "&"))
        #expect(tooMany.status == .unprocessableContent)
        #expect(tooMany.text.contains("Select at most 100 pictures at a time."))
        let forged = app.send(.post, "/images/favourite", form: [("favourite", "true"), ("id", "\(mine[0])")], headers: ["Origin": app.origin])
        #expect(forged.status == .forbidden)
        #expect(favourites(app).isEmpty, "neither Bob's picture nor the forged post marked anything")
    }
}
