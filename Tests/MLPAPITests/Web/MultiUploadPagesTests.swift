import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// Several pictures chosen at once in the upload form (`<input type=file multiple>`).
@Suite struct MultiUploadPagesTests {
    private func stored(_ app: WebTestApp) -> [InMemoryImageStore.StoredImage] {
        app.imageStore.read { $0.images.values.sorted { $0.image.id < $1.image.id } }
    }

    @Test func theFormTakesSeveralFiles() throws {
        let app = try WebTestApp().loggedIn()
        let form = app.send(.get, "/images/new").text
        #expect(form.contains(#"<input id="file" name="file" type="file" accept="image/jpeg,image/png" multiple required"#))
        #expect(form.contains("up to 10 at a time"))
    }

    @Test func allStoredGoesToTheGalleryWithHowMany() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.upload(files: [
            ("a.jpg", FakePictures.jpeg("a")), ("b.png", FakePictures.png("b")), ("c.jpg", FakePictures.jpeg("c")),
        ], title: "Holiday")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("3 pictures uploaded and classified."))
        let images = stored(app)
        #expect(images.map(\.bytes) == [FakePictures.jpeg("a"), FakePictures.png("b"), FakePictures.jpeg("c")])
        #expect(images.allSatisfy { $0.image.title == "Holiday" }, "the title is given to each")
        #expect(app.classifier.calls == 3)
    }

    @Test func oneRefusedFileLosesNoneOfTheOthersAndThePageSaysWhichAndWhy() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.upload(files: [
            ("first.jpg", FakePictures.jpeg("a")), ("notes.txt", Array("hello".utf8)), ("third.png", FakePictures.png("c")),
        ])
        #expect(response.status == .ok, "two of three were stored: the request did something")
        let page = response.text
        #expect(page.contains("2 of 3 pictures were uploaded. Not uploaded:"))
        #expect(page.contains("<li><strong>notes.txt</strong>: not an image</li>"))
        let images = stored(app)
        #expect(images.map(\.bytes) == [FakePictures.jpeg("a"), FakePictures.png("c")])
        for image in images {
            #expect(page.contains(#"<a href="/images/\#(image.image.id)">"#), "a link to each stored picture")
        }
        #expect(page.contains(#"<a href="/images/\#(images[0].image.id)">first.jpg</a>: uploaded and classified"#))
    }

    @Test func nothingStoredIsTheFirstRefusalsStatus() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.upload(files: [("one.txt", Array("hello".utf8)), ("two.gif", Array("GIF89a".utf8))])
        #expect(response.status == .unsupportedMediaType)
        #expect(response.text.contains("None of the 2 pictures was uploaded:"))
        #expect(response.text.contains("<strong>one.txt</strong>") && response.text.contains("<strong>two.gif</strong>"))
        #expect(stored(app).isEmpty)
    }

    @Test func moreThanTenFilesAreRefusedBeforeAnyIsStored() throws {
        let app = try WebTestApp().loggedIn()
        for count in [11, 40] {  // 40 is more parts than the multipart parser's default limit of 20
            let files = (0..<count).map { ("p\($0).jpg", FakePictures.jpeg("p\($0)")) }
            let response = try app.upload(files: files)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Choose at most 10 pictures at a time (you chose \(count)); none was uploaded."))
        }
        #expect(stored(app).isEmpty)
        #expect(app.classifier.calls == 0)
    }

    @Test func aRefusedTitleIsRefusedForAllBeforeAnyIsStored() throws {
        let app = try WebTestApp().loggedIn()
        let response = try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b"))],
                                      title: String(repeating: "x", count: 300))
        #expect(response.status == .unprocessableContent)
        #expect(response.text.contains(#"id="title-error""#))
        #expect(stored(app).isEmpty)
    }

    @Test func fileNamesAreShownAsTextAndEmptyPartsAreNotFiles() throws {
        let app = try WebTestApp().loggedIn()
        let hostile = try app.upload(files: [("<img src=x onerror=alert(1)>.jpg", Array("nope".utf8)), ("ok.jpg", FakePictures.jpeg())])
        #expect(hostile.text.contains("&lt;img src=x onerror=alert(1)&gt;.jpg"))
        #expect(!hostile.text.contains("<img src=x"))
        // What a browser sends for a file input left empty: one part without bytes.
        let empty = try app.upload(files: [("", [])])
        #expect(empty.status == .unprocessableContent)
        #expect(empty.text.contains("Choose a picture to upload (JPEG or PNG)."))
    }
}
