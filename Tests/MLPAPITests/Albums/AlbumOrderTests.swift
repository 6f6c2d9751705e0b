import Foundation
import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// An album's pictures by the time taken (`sort=taken`): the API's list of an album, the owner's album page and a
/// picture's page opened from it, and the album's link, each keeping the order from page to page.
@Suite struct AlbumOrderTests {
    @Test func theAPIListsAnAlbumByTheTimeTakenWithCursorsOfThatOrder() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        func upload(_ marker: String) throws -> Int { try app.uploadedID(FakePictures.jpeg(marker), token: token) }
        let late = try upload("coffee taken 2025:08:20 19:00:00")
        let early = try upload("coffee taken 2025:08:14 07:30:00")
        let undated = try upload("coffee without a time")
        let album = try #require(app.sendJSON(.post, "/api/v1/albums", ["name": "Trip"], token: token).object["id"] as? Int)
        #expect(app.sendJSON(.post, "/api/v1/albums/\(album)/images", ["image_ids": [late, early, undated]], token: token).status == .ok)
        #expect(app.send(.get, "/api/v1/albums/\(album)/images", token: token).itemIDs == [undated, early, late])
        var seen: [Int] = []
        var next: String? = "/api/v1/albums/\(album)/images?sort=taken&limit=2"
        while let path = next, seen.count < 10 {
            let page = app.send(.get, path, token: token)
            seen += page.itemIDs
            next = (page.object["links"] as? [String: Any])?["next"] as? String
            if let next { #expect(next.hasSuffix("&sort=taken")) }
        }
        #expect(seen == [undated, late, early])
        let cursor = try #require(app.send(.get, "/api/v1/albums/\(album)/images?limit=1", token: token).object["next_cursor"] as? String)
        let refused = app.send(.get, "/api/v1/albums/\(album)/images?sort=taken&cursor=\(cursor)", token: token)
        #expect(refused.status == .unprocessableContent && refused.errorFields == ["cursor"])
        #expect(app.send(.get, "/api/v1/albums/\(album)/images?sort=oldest", token: token).errorFields == ["sort"])
    }

    @Test func theAlbumPageItsPicturesAndItsLinkKeepTheOrderByTheTimeTaken() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(files: [
            ("late.jpg", FakePictures.jpeg("late taken 2025:08:20 19:00:00")), ("early.jpg", FakePictures.jpeg("early taken 2025:08:14 07:30:00")),
            ("middle.jpg", FakePictures.jpeg("middle taken 2025:08:17 12:00:00")),
        ])
        let (late, early, middle) = app.imageStore.read { store in
            let sorted = store.images.keys.sorted()
            return (sorted[0], sorted[1], sorted[2])
        }
        let made = try app.submit(
            "/images/album?id=\(late)", to: "/images/album", [late, early, middle].map { ("id", "\($0)") } + [("album", "new"), ("new_album", "Trip")]
        )
        let album = try #require(made.headers["Location"])
        let albumID = album.dropFirst("/albums/".count)
        func order(_ text: String) -> [Int64] {
            text.components(separatedBy: #"<li class="tile">"#).dropFirst().compactMap { tile in
                tile.range(of: #"href="/images/"#).flatMap { Int64(tile[$0.upperBound...].prefix { $0.isNumber }) }
            }
        }
        let byUpload = app.send(.get, album).text
        #expect(order(byUpload) == [middle, early, late])
        #expect(byUpload.contains(#"<a href="\#(album)?sort=taken">Latest taken</a>"#))
        let byTaken = app.send(.get, album + "?sort=taken").text
        #expect(order(byTaken) == [late, middle, early])
        #expect(byTaken.contains(#"<span class="tile-date">taken 2025-08-17</span>"#))
        #expect(byTaken.components(separatedBy: #"<h2 class="month">August 2025</h2>"#).count == 2, "one heading for the month")
        #expect(byTaken.contains(#"href="/images/\#(middle)?album=\#(albumID)&amp;sort=taken""#))
        // A picture's page from there: its place and the pictures beside it in that order, and back to the album in it.
        let picture = app.send(.get, "/images/\(middle)?album=\(albumID)&sort=taken").text
        #expect(picture.contains(#"<a href="\#(album)?sort=taken">← Trip</a> <span class="muted">2 of 3</span>"#))
        #expect(picture.contains(#"<a href="/images/\#(late)?album=\#(albumID)&amp;sort=taken" rel="prev">← Newer</a>"#))
        #expect(picture.contains(#"<a href="/images/\#(early)?album=\#(albumID)&amp;sort=taken" rel="next">Older →</a>"#))
        // The album's link shows it in the same order, and its pictures' pages lead on in it.
        _ = try app.submit(album, to: album + "/share", [])
        let owned = app.send(.get, album).text
        let start = try #require(owned.range(of: #"<a href="/a/"#)).upperBound
        let shared = "/a/" + owned[start...].prefix { $0 != "\"" }
        let link = app.send(.get, shared + "?sort=taken").text
        #expect(link.contains(#"<strong aria-current="page">Latest taken</strong>"#))
        let lateTile = try #require(link.range(of: #"<a href="\#(shared)/\#(late)?sort=taken">"#)).lowerBound
        let earlyTile = try #require(link.range(of: #"<a href="\#(shared)/\#(early)?sort=taken">"#)).lowerBound
        #expect(lateTile < earlyTile)
        let sharedPicture = app.send(.get, "\(shared)/\(late)?sort=taken").text
        #expect(sharedPicture.contains(#"<a href="\#(shared)?sort=taken">← Trip</a> <span class="muted">1 of 3</span>"#))
        #expect(sharedPicture.contains(#"<a href="\#(shared)/\#(middle)?sort=taken" rel="next">Older →</a>"#))
    }
}
