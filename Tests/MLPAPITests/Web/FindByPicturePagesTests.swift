import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// "Find by picture" (`/images/search`), as a browser uses it.
@Suite struct FindByPicturePagesTests {
    private func ids(_ app: WebTestApp) -> [Int64] {
        app.imageStore.read { $0.images.values.filter { !$0.isDeleted }.map(\.image.id).sorted() }
    }

    private func search(_ app: WebTestApp, files: [(name: String, bytes: [UInt8])]) throws -> Response {
        let token = try #require(app.send(.get, "/images/search").csrfToken)
        return app.postMultipart("/images/search", fields: [("csrf_token", token)], files: files)
    }

    @Test func theGalleryLeadsToTheFormAndASearchShowsTheCopyAndTheLikesWithoutStoringIt() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(files: [("a.jpg", FakePictures.jpeg("coffee a")), ("b.jpg", FakePictures.jpeg("coffee b")), ("cat.png", FakePictures.png("cat"))])
        let stored = ids(app)
        #expect(app.send(.get, "/images").text.contains(#"<a class="button secondary" href="/images/search">Find by picture</a>"#))
        let form = app.send(.get, "/images/search")
        #expect(form.status == .ok)
        #expect(form.text.contains(#"<form method="post" action="/images/search" enctype="multipart/form-data">"#))
        #expect(!form.text.contains(#"id="results""#))
        let found = try search(app, files: [("holiday.jpg", FakePictures.jpeg("coffee a"))])
        #expect(found.status == .ok)
        #expect(found.text.contains("What the model sees in holiday.jpg"))
        #expect(found.text.contains(#"<a class="prediction-label" href="/images?label=espresso""#))
        #expect(found.text.contains("Already in your pictures"))
        // The copy in its own list, then the others by likeness (the other coffee first), each once.
        let same = try #require(found.text.range(of: "Already in your pictures"))
        let likes = try #require(found.text.range(of: "Your pictures most like it"))
        let copies = found.text[same.upperBound..<likes.lowerBound]
        let alike = found.text[likes.upperBound...]
        #expect(copies.contains(#"href="/images/\#(stored[0])""#) && !alike.contains(#"href="/images/\#(stored[0])""#))
        let coffee = try #require(alike.range(of: #"href="/images/\#(stored[1])""#))
        let cat = try #require(alike.range(of: #"href="/images/\#(stored[2])""#))
        #expect(coffee.lowerBound < cat.lowerBound)
        #expect(ids(app) == stored, "nothing was stored")
        // A picture that is not there yet: no copy, the likes only.
        let new = try search(app, files: [("new.png", FakePictures.png("cat 2"))])
        #expect(!new.text.contains("Already in your pictures"))
        #expect(new.text.contains(#"href="/images/\#(stored[2])""#))
    }

    @Test func aRefusedSearchShowsWhyBesideTheForm() throws {
        let app = try WebTestApp().loggedIn()
        let none = try search(app, files: [])
        #expect(none.status == .unprocessableContent && none.text.contains("Choose a picture (JPEG or PNG)."))
        let two = try search(app, files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b"))])
        #expect(two.status == .unprocessableContent && two.text.contains("Choose one picture."))
        let text = try search(app, files: [("notes.jpg", Array("hello".utf8))])
        #expect(text.status == .unsupportedMediaType)
        #expect(text.text.contains(#"id="file-error""#))
        app.classifier.busy = true
        let busy = try search(app, files: [("a.jpg", FakePictures.jpeg("a"))])
        #expect(busy.status == .serviceUnavailable && busy.headers["Retry-After"] != nil)
        #expect(busy.text.contains(#"<p class="form-error" role="alert">"#))
        app.classifier.busy = false
        // Without the form's token nothing is classified.
        let calls = app.classifier.calls
        let forged = app.postMultipart("/images/search", fields: [], file: FakePictures.jpeg())
        #expect(forged.status == .forbidden && app.classifier.calls == calls)
        // Logged out, the form sends to the login page.
        let visitor = WebTestApp.sharing(app)
        #expect(visitor.send(.get, "/images/search").status == .seeOther)
    }
}
