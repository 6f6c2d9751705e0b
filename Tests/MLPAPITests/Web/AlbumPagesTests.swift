import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// The album pages, as a browser uses them: make an album, fill it from the gallery's selection or a picture's
/// page, take a picture out, rename it, delete it (its pictures stay).
@Suite struct AlbumPagesTests {
    private func ids(_ app: WebTestApp) -> [Int64] {
        app.imageStore.read { $0.images.values.filter { !$0.isDeleted }.map(\.image.id).sorted() }
    }

    private func albumPath(_ response: Response) throws -> String {
        let location = try #require(response.headers["Location"])
        #expect(location.hasPrefix("/albums/"))
        return location
    }

    @Test func aSelectionGoesIntoANewAlbumWhosePageListsAndRemovesIt() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b")), ("c.jpg", FakePictures.jpeg("c"))])
        let stored = ids(app)
        let gallery = app.send(.get, "/images").text
        #expect(gallery.contains(#"formaction="/images/album""#))
        #expect(app.send(.get, "/").text.contains(#"<a href="/albums">Albums</a>"#) || gallery.contains(#"<a href="/albums">Albums</a>"#))
        // The gallery's selection: the chooser, then a new album.
        let query = "/images/album?id=\(stored[0])&id=\(stored[2])"
        let chooser = app.send(.get, query)
        #expect(chooser.status == .ok && chooser.text.contains("Put these 2 pictures into an album"))
        #expect(chooser.text.contains(#"<input type="hidden" name="album" value="new">"#), "no album yet: a new one")
        let made = try app.submit(query, to: "/images/album", [("id", "\(stored[0])"), ("id", "\(stored[2])"), ("album", "new"), ("new_album", "Trip")])
        #expect(made.status == .seeOther)
        let album = try albumPath(made)
        let page = app.send(.get, album)
        #expect(page.text.contains("2 pictures are in “Trip” now."))
        #expect(page.text.contains("<h1>Trip</h1>") && page.text.contains("2 pictures"))
        let albumID = String(album.dropFirst("/albums/".count))
        // Each tile opens the picture's page in the album: back to it, and on to the album's next picture.
        #expect(page.text.contains(#"href="/images/\#(stored[0])?album=\#(albumID)""#))
        #expect(page.text.contains(#"href="/images/\#(stored[2])?album=\#(albumID)""#))
        #expect(!page.text.contains(#"href="/images/\#(stored[1])"#))
        let inAlbum = app.send(.get, "/images/\(stored[2])?album=\(albumID)").text
        #expect(inAlbum.contains(#"<a href="\#(album)">← Trip</a> <span class="muted">1 of 2</span>"#))
        #expect(inAlbum.contains(#"<a href="/images/\#(stored[0])?album=\#(albumID)" rel="next">Older →</a>"#), "skips the one not in it")
        #expect(!inAlbum.contains("← Newer"))
        // The albums page lists it with its count and cover.
        let albums = app.send(.get, "/albums").text
        #expect(albums.contains(#"<a href="\#(album)">"#) && albums.contains("2 pictures"))
        #expect(albums.contains(#"src="/api/v1/images/\#(stored[2])/thumbnail""#), "the cover")
        // The second picture from its own page, into the existing album.
        let detail = app.send(.get, "/images/\(stored[1])").text
        #expect(detail.contains(#"<section class="card" id="albums">"#) && detail.contains("In no album yet."))
        // From the gallery: back to it, and on to the pictures beside it there (no place: that would count them all).
        #expect(detail.contains(#"<a href="/images">← All pictures</a>"#) && !detail.contains(" of 3"))
        #expect(detail.contains(#"<a href="/images/\#(stored[2])" rel="prev">← Newer</a>"#))
        #expect(detail.contains(#"<a href="/images/\#(stored[0])" rel="next">Older →</a>"#))
        // An album that does not hold the picture (or a made-up one) leaves the gallery's way.
        #expect(app.send(.get, "/images/\(stored[1])?album=\(albumID)").text.contains(#"<a href="/images">← All pictures</a>"#))
        #expect(app.send(.get, "/images/\(stored[1])?album=abc").status == .ok)
        let added = try app.submit("/images/\(stored[1])", to: "/images/\(stored[1])/album", [("album", albumID)])
        #expect(added.headers["Location"] == "/images/\(stored[1])#albums")
        #expect(app.send(.get, "/images/\(stored[1])").text.contains(#"In <a href="\#(album)">Trip</a>."#))
        // Taken out: still a picture of the gallery.
        let removed = try app.submit(album, to: "\(album)/remove", [("image", "\(stored[0])")])
        #expect(removed.status == .seeOther)
        let after = app.send(.get, album).text
        #expect(after.contains("The picture was taken out of the album.") && !after.contains(#"href="/images/\#(stored[0])""#))
        #expect(ids(app) == stored)
    }

    @Test func renamingAndDeletingSayWhyWhenRefusedAndKeepThePictures() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a"))])
        let stored = ids(app)
        let album = try albumPath(try app.submit("/albums", to: "/albums", [("name", "Cats")]))
        _ = try albumPath(try app.submit("/albums", to: "/albums", [("name", "Dogs")]))
        let taken = try app.submit("/albums", to: "/albums", [("name", "cats")])
        #expect(taken.status == .conflict && taken.text.contains(#"id="album-name-error""#))
        let empty = try app.submit("/albums", to: "/albums", [("name", "  ")])
        #expect(empty.status == .unprocessableContent && empty.text.contains("Give the album a name."))
        let clash = try app.submit(album, to: "\(album)/name", [("name", "DOGS")])
        #expect(clash.status == .conflict && clash.text.contains(#"value="DOGS""#))
        #expect(try app.submit(album, to: "\(album)/name", [("name", "Kittens")]).status == .seeOther)
        #expect(app.send(.get, album).text.contains("<h1>Kittens</h1>"))
        _ = try app.submit("/images/\(stored[0])", to: "/images/\(stored[0])/album", [("album", String(album.dropFirst("/albums/".count)))])
        let unconfirmed = try app.submit(album, to: "\(album)/delete", [])
        #expect(unconfirmed.status == .unprocessableContent && unconfirmed.text.contains("Tick the box"))
        let deleted = try app.submit(album, to: "\(album)/delete", [("confirm", "yes")])
        #expect(deleted.headers["Location"] == "/albums")
        #expect(app.send(.get, "/albums").text.contains("The album “Kittens” was deleted."))
        #expect(app.send(.get, album).status == .notFound)
        #expect(ids(app) == stored, "the pictures stay")
        // Another browser of another account finds none of it.
        let other = try app.anotherAccount("bob@example.com")
        #expect(other.send(.get, "/albums").text.contains("No albums yet."))
        let dogs = try #require(app.send(.get, "/albums").text.components(separatedBy: #"<a href="/albums/"#).dropFirst().first?.prefix { $0 != "\"" })
        #expect(other.send(.get, "/albums/\(dogs)").status == .notFound)
        #expect(try other.submit("/albums", to: "/albums/\(dogs)/delete", [("confirm", "yes")]).status == .notFound)
    }

    @Test func theOwnerMakesAPictureTheCoverAndLetsTheAlbumChooseAgain() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b"))])
        let stored = ids(app)
        let album = try albumPath(try app.submit("/albums", to: "/albums", [("name", "Rome")]))
        let albumID = String(album.dropFirst("/albums/".count))
        for id in stored { _ = try app.submit("/images/\(id)", to: "/images/\(id)/album", [("album", albumID)]) }
        let before = app.send(.get, album).text
        #expect(before.contains(#"<section class="card" id="cover">"#) && before.contains("The cover is the picture put into the album last."))
        #expect(before.contains(">Make it the cover</button>"))
        #expect(before.components(separatedBy: #"<span class="badge">Cover</span>"#).count == 2, "one tile marked")
        // The first picture, put in first, becomes the cover.
        let made = try app.submit(album, to: "\(album)/cover", [("image", "\(stored[0])")])
        #expect(made.status == .seeOther && made.headers["Location"] == "\(album)#cover")
        let after = app.send(.get, album).text
        #expect(after.contains("That picture is the cover of the album now.") && after.contains("You chose this picture as the cover"))
        #expect(after.contains(#"<img class="cover-preview" src="/api/v1/images/\#(stored[0])/thumbnail""#))
        #expect(app.send(.get, "/albums").text.contains(#"src="/api/v1/images/\#(stored[0])/thumbnail""#), "the albums page shows it")
        // A picture the album does not hold is refused with a notice; the cover stays.
        let other = try app.anotherAccount("bob@example.com")
        try other.upload(files: [("c.jpg", FakePictures.jpeg("c"))])
        let bobs = try #require(app.imageStore.read { $0.images.values.first { !stored.contains($0.image.id) }?.image.id })
        let refused = try app.submit(album, to: "\(album)/cover", [("image", "\(bobs)")])
        #expect(refused.status == .seeOther)
        #expect(app.send(.get, album).text.contains("That picture is not in the album, so it cannot be its cover."))
        #expect(app.send(.get, album).text.contains(#"src="/api/v1/images/\#(stored[0])/thumbnail""#))
        #expect(try other.submit("/albums", to: "\(album)/cover", [("image", "\(bobs)")]).status == .notFound, "not bob's album")
        // Back to the picture put in last.
        let automatic = try app.submit(album, to: "\(album)/cover/delete", [])
        #expect(automatic.headers["Location"] == "\(album)#cover")
        let last = app.send(.get, album).text
        #expect(last.contains("The cover is the picture put into the album last again.") && !last.contains("You chose this picture"))
        #expect(last.contains(#"<img class="cover-preview" src="/api/v1/images/\#(stored[1])/thumbnail""#))
    }
}
