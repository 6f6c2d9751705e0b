import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// The upload form's album: every stored picture goes into the album chosen, or opened from ("Upload pictures
/// into this album"); an album that is not the user's stores nothing.
@Suite struct UploadIntoAlbumPageTests {
    private func albumID(_ app: WebTestApp, _ name: String) throws -> Int64 {
        let made = try app.submit("/albums", to: "/albums", [("name", name)])
        let location = try #require(made.headers["Location"])
        return try #require(Int64(location.dropFirst("/albums/".count)))
    }

    private func held(_ app: WebTestApp, _ album: Int64) -> [Int64] {
        app.imageStore.read { ($0.albumImages[album] ?? [:]).keys.sorted() }
    }

    private func stored(_ app: WebTestApp) -> [Int64] {
        app.imageStore.read { $0.images.values.filter { !$0.isDeleted }.map(\.image.id).sorted() }
    }

    private func upload(_ app: WebTestApp, _ files: [(name: String, bytes: [UInt8])], album: String) throws -> Response {
        let token = try #require(app.send(.get, "/images/new").csrfToken)
        return app.postMultipart("/images", fields: [("csrf_token", token), ("title", ""), ("album", album)], files: files)
    }

    @Test func theFormOffersTheAlbumsAndTheAlbumPageChoosesItsOwn() throws {
        let app = try WebTestApp().loggedIn()
        #expect(!app.send(.get, "/images/new").text.contains(#"name="album""#), "no albums, no select")
        let rome = try albumID(app, "Rome")
        _ = try albumID(app, "Cats")
        let album = app.send(.get, "/albums/\(rome)").text
        #expect(album.contains(#"href="/images/new?album=\#(rome)""#) && album.contains("Upload pictures into this album"))
        let form = app.send(.get, "/images/new?album=\(rome)").text
        #expect(form.contains(#"<option value="">None</option>"#))
        #expect(form.contains(#"<option value="\#(rome)" selected>Rome</option>"#) && form.contains(">Cats</option>"))
        #expect(form.contains(#"<a href="/albums/\#(rome)">Cancel</a>"#))
        // An id that is not one of the user's albums chooses nothing.
        let other = try app.anotherAccount("bob@example.com")
        let bobs = try albumID(other, "Bob's")
        for query in ["?album=\(bobs)", "?album=abc", ""] {
            let plain = app.send(.get, "/images/new\(query)").text
            #expect(!plain.contains(" selected>") && plain.contains(#"<a href="/images">Cancel</a>"#), "\(query)")
        }
    }

    @Test func oneOrSeveralPicturesGoIntoTheChosenAlbum() throws {
        let app = try WebTestApp().loggedIn()
        let rome = try albumID(app, "Rome")
        let one = try upload(app, [("a.jpg", FakePictures.jpeg("a"))], album: "\(rome)")
        let first = try #require(stored(app).first)
        #expect(one.status == .seeOther && one.headers["Location"] == "/images/\(first)?album=\(rome)")
        #expect(app.send(.get, "/images/\(first)?album=\(rome)").text.contains("Uploaded and classified, and put into “Rome”."))
        let several = try upload(app, [("b.jpg", FakePictures.jpeg("b")), ("c.jpg", FakePictures.jpeg("c"))], album: "\(rome)")
        #expect(several.headers["Location"] == "/albums/\(rome)")
        #expect(app.send(.get, "/albums/\(rome)").text.contains("2 pictures uploaded and classified, and put into “Rome”."))
        #expect(held(app, rome) == stored(app) && stored(app).count == 3)
        // None chosen: the gallery, and no album.
        let none = try upload(app, [("d.jpg", FakePictures.jpeg("d")), ("e.jpg", FakePictures.jpeg("e"))], album: "")
        #expect(none.headers["Location"] == "/images" && held(app, rome).count == 3)
    }

    @Test func aRefusedFileLeavesTheOthersInTheAlbumAndAnAlbumNotTheUsersStoresNothing() throws {
        let app = try WebTestApp().loggedIn()
        let rome = try albumID(app, "Rome")
        let partly = try upload(app, [("a.jpg", FakePictures.jpeg("a")), ("notes.txt", Array("not a picture".utf8))], album: "\(rome)")
        #expect(partly.status == .ok)
        #expect(partly.text.contains("1 of 2 pictures were uploaded, and put into “Rome”. Not uploaded:"))
        #expect(partly.text.contains(#"<option value="\#(rome)" selected>Rome</option>"#), "the choice is kept")
        #expect(held(app, rome) == stored(app) && stored(app).count == 1)

        let other = try app.anotherAccount("bob@example.com")
        let bobs = try albumID(other, "Bob's")
        for album in ["\(bobs)", "abc", "4242"] {
            let refused = try upload(app, [("b.jpg", FakePictures.jpeg("b"))], album: album)
            #expect(refused.status == .unprocessableContent, "\(album)")
            #expect(refused.text.contains("That album no longer exists. Choose another one, or none; nothing was uploaded."))
            #expect(refused.text.contains(#"id="album-error""#))
        }
        #expect(stored(app).count == 1 && held(other, bobs).isEmpty)
        // Without any album left, the reason still shows.
        _ = try app.submit("/albums/\(rome)", to: "/albums/\(rome)/delete", [("confirm", "yes")])
        let gone = try upload(app, [("b.jpg", FakePictures.jpeg("b"))], album: "\(rome)")
        #expect(gone.status == .unprocessableContent && gone.text.contains("That album no longer exists."))
        #expect(stored(app).count == 1)
    }
}
