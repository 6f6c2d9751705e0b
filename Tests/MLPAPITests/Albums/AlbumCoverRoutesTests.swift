import Foundation
import HTTP
import MLPDomain
import Testing

/// `PUT`/`DELETE /api/v1/albums/:id/cover`: the owner picks the picture an album shows, among those it holds.
@Suite struct AlbumCoverRoutesTests {
    let app = ImageTestApp()

    private func put(_ path: String, _ object: Any, token: String) -> Response { app.sendJSON(.put, path, object, token: token) }
    private func post(_ path: String, _ object: Any, token: String) -> Response { app.sendJSON(.post, path, object, token: token) }

    /// The cover's id and whether it was chosen, as `GET /api/v1/albums/:id` says.
    private func cover(_ album: Int, token: String) -> (id: Int?, chosen: Bool?) {
        let object = app.send(.get, "/api/v1/albums/\(album)", token: token).object
        return ((object["cover"] as? [String: Any])?["id"] as? Int, object["cover_chosen"] as? Bool)
    }

    @Test func theChosenCoverStaysUntilItLeavesTheAlbumOrTheOwnerLetsItGo() throws {
        let ann = try app.token("ann@example.com")
        let pictures = try (1...4).map { try #require(app.upload(FakePictures.jpeg("cover \($0)"), token: ann).object["id"] as? Int) }
        let album = try #require(post("/api/v1/albums", ["name": "Rome"], token: ann).object["id"] as? Int)
        _ = post("/api/v1/albums/\(album)/images", ["image_ids": Array(pictures.prefix(3))], token: ann)
        #expect(cover(album, token: ann) == (pictures[2], false), "the picture put in last")

        let chosen = put("/api/v1/albums/\(album)/cover", ["image_id": pictures[0]], token: ann)
        #expect(chosen.status == .ok)
        #expect((chosen.object["cover"] as? [String: Any])?["thumbnail"] as? String == "/api/v1/images/\(pictures[0])/thumbnail")
        #expect(chosen.object["cover_chosen"] as? Bool == true)
        // Putting another picture in later keeps the choice; so does the list of albums.
        _ = post("/api/v1/albums/\(album)/images", ["image_ids": [pictures[3]]], token: ann)
        #expect(cover(album, token: ann) == (pictures[0], true))
        let listed = app.send(.get, "/api/v1/albums", token: ann).object["items"] as? [[String: Any]]
        #expect((listed?.first?["cover"] as? [String: Any])?["id"] as? Int == pictures[0])

        // Taken out, the choice goes: put back, it is not the cover again.
        #expect(app.send(.delete, "/api/v1/albums/\(album)/images/\(pictures[0])", token: ann).status == .noContent)
        #expect(cover(album, token: ann) == (pictures[3], false))
        app.clock.advance(by: 60)
        _ = post("/api/v1/albums/\(album)/images", ["image_ids": [pictures[0]]], token: ann)
        #expect(cover(album, token: ann) == (pictures[0], false), "the picture put in last, not the old choice")

        // A deleted cover leaves the album with the picture put in last.
        _ = put("/api/v1/albums/\(album)/cover", ["image_id": pictures[1]], token: ann)
        #expect(cover(album, token: ann) == (pictures[1], true))
        #expect(app.send(.delete, "/api/v1/images/\(pictures[1])", token: ann).status == .noContent)
        #expect(cover(album, token: ann) == (pictures[0], false))

        // DELETE lets the album show the picture put in last again, and answers the album.
        _ = put("/api/v1/albums/\(album)/cover", ["image_id": pictures[2]], token: ann)
        let automatic = app.send(.delete, "/api/v1/albums/\(album)/cover", token: ann)
        #expect(automatic.status == .ok)
        #expect((automatic.object["cover"] as? [String: Any])?["id"] as? Int == pictures[0])
        #expect(automatic.object["cover_chosen"] as? Bool == false)
        #expect(app.send(.delete, "/api/v1/albums/\(album)/cover", token: ann).status == .ok, "again: nothing to undo, same answer")
    }

    @Test func onlyAPictureTheAlbumHoldsCanBeItsCoverAndOnlyItsOwnerChooses() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let inside = try #require(app.upload(FakePictures.jpeg("inside"), token: ann).object["id"] as? Int)
        let outside = try #require(app.upload(FakePictures.jpeg("outside"), token: ann).object["id"] as? Int)
        let bobs = try #require(app.upload(FakePictures.jpeg("bob's"), token: bob).object["id"] as? Int)
        let album = try #require(post("/api/v1/albums", ["name": "Cats"], token: ann).object["id"] as? Int)
        _ = post("/api/v1/albums/\(album)/images", ["image_ids": [inside]], token: ann)
        let path = "/api/v1/albums/\(album)/cover"

        // Not in the album, someone else's, made up: the same refusal, and the cover unchanged.
        for id in [outside, bobs, 4242, 0, -1] {
            #expect(put(path, ["image_id": id], token: ann).errorFields == ["image_id"], "\(id)")
        }
        #expect(cover(album, token: ann) == (inside, false))
        for body: Any in [[String: Any](), ["image_id": "\(inside)"], ["image_id": NSNull()], ["image_id": inside, "album": 1]] {
            #expect(put(path, body, token: ann).status == .unprocessableContent, "\(body)")
        }
        // Another account's album, or an id that is none, is not found.
        #expect(put(path, ["image_id": inside], token: bob).status == .notFound)
        #expect(app.send(.delete, path, token: bob).status == .notFound)
        for bad in ["0", "-1", "abc", "99999999999999999999", "4242"] {
            #expect(put("/api/v1/albums/\(bad)/cover", ["image_id": inside], token: ann).status == .notFound, "\(bad)")
        }
        #expect(app.sendJSON(.put, path, ["image_id": inside]).status == .unauthorized)
        #expect(cover(album, token: ann) == (inside, false))
    }
}
