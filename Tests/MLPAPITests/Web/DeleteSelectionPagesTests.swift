import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// Deleting the pictures selected in the gallery: checkboxes, a confirmation page, one post.
@Suite struct DeleteSelectionPagesTests {
    private func ids(_ app: WebTestApp) -> [Int64] {
        app.imageStore.read { $0.images.values.filter { !$0.isDeleted }.map(\.image.id).sorted() }
    }

    private func uploadThree(_ app: WebTestApp) throws -> [Int64] {
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b")), ("c.jpg", FakePictures.jpeg("c"))])
        return ids(app)
    }

    @Test func theGalleryHasACheckboxPerPictureTiedToTheSelectionForm() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        let gallery = app.send(.get, "/images").text
        #expect(gallery.contains(#"<form method="get" action="/images/delete" id="selection"></form>"#))
        for id in stored {
            #expect(gallery.contains(#"<input type="checkbox" name="id" value="\#(id)" form="selection">"#))
        }
        #expect(gallery.contains(#"<button type="submit" form="selection" class="secondary">Delete the selected pictures…</button>"#))
    }

    @Test func theSelectionIsConfirmedThenDeletedAndTheOthersStay() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        let confirm = app.send(.get, "/images/delete?id=\(stored[0])&id=\(stored[2])")
        #expect(confirm.status == .ok)
        #expect(confirm.text.contains("<h1>Delete these 2 pictures?</h1>"))
        #expect(confirm.text.contains(#"<input type="hidden" name="id" value="\#(stored[0])">"#))
        #expect(confirm.text.contains(#"<input type="hidden" name="id" value="\#(stored[2])">"#))
        #expect(!confirm.text.contains(#"value="\#(stored[1])""#))
        #expect(ids(app) == stored, "the confirmation page deletes nothing")

        let token = try #require(confirm.csrfToken)
        let deleted = app.send(.post, "/images/delete", form: [("csrf_token", token), ("id", "\(stored[0])"), ("id", "\(stored[2])")],
                               headers: ["Origin": app.origin])
        #expect(deleted.status == .seeOther)
        #expect(deleted.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("2 pictures were deleted."))
        #expect(ids(app) == [stored[1]])
        #expect(app.imageStore.read { $0.images[stored[2]]?.isDeleted } == true)
    }

    @Test func anotherAccountsPicturesAreNeitherShownNorDeleted() throws {
        let app = try WebTestApp().loggedIn()
        let mine = try uploadThree(app)
        let other = try app.anotherAccount("bob@example.com")
        try other.upload(FakePictures.jpeg("bob"), title: "Bob's")
        let bobs = try #require(ids(app).first { !mine.contains($0) })

        let confirm = app.send(.get, "/images/delete?id=\(bobs)&id=\(mine[0])")
        #expect(confirm.text.contains("<h1>Delete this picture?</h1>"))
        #expect(!confirm.text.contains("Bob&#39;s") && !confirm.text.contains("Bob's"))
        let onlyBobs = app.send(.get, "/images/delete?id=\(bobs)")
        #expect(onlyBobs.status == .seeOther)
        #expect(app.send(.get, "/images").text.contains("The selected pictures no longer exist."))

        let token = try #require(app.send(.get, "/images").csrfToken)
        _ = app.send(.post, "/images/delete", form: [("csrf_token", token), ("id", "\(bobs)")], headers: ["Origin": app.origin])
        #expect(app.send(.get, "/images").text.contains("No picture was deleted: the selected ones no longer exist."))
        #expect(ids(app).contains(bobs))
    }

    @Test func nothingSelectedTooManyAndForeignPostsAreRefused() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        let none = app.send(.get, "/images/delete")
        #expect(none.status == .seeOther)
        #expect(app.send(.get, "/images").text.contains("Select the pictures to delete first."))
        let many = (1...101).map { "id=\($0)" }.joined(separator: "&")
        let tooMany = app.send(.get, "/images/delete?" + many)
        #expect(tooMany.status == .unprocessableContent)
        #expect(tooMany.text.contains("Select at most 100 pictures at a time."))
        let junk = app.send(.get, "/images/delete?id=abc&id=-1&id=0")
        #expect(junk.status == .seeOther, "ids that are not pictures select nothing")
        let token = try #require(app.send(.get, "/images").csrfToken)  // (shows and clears the notice of `junk`)
        #expect(!app.send(.get, "/images").text.contains("Select the pictures to delete first."))
        _ = app.send(.post, "/images/delete", form: [("csrf_token", token)], headers: ["Origin": app.origin])
        #expect(app.send(.get, "/images").text.contains("Select the pictures to delete first."))
        // Without the form's token (a cross-site post), nothing is deleted.
        let forged = app.send(.post, "/images/delete", form: [("id", "\(stored[0])")], headers: ["Origin": app.origin])
        #expect(forged.status == .forbidden)
        #expect(ids(app) == stored)
    }

    @Test func loggedOutTheSelectionGoesToTheLoginPage() throws {
        let app = try WebTestApp()
        let response = app.send(.get, "/images/delete?id=1")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"]?.hasPrefix("/login") == true)
    }
}
