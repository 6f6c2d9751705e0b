import Foundation
import HTTP
import MLPDomain
import Testing

/// `/api/v1/albums`: made, named, filled, paged, emptied and deleted by their owner only.
@Suite struct AlbumsRoutesTests {
    let app = ImageTestApp()

    private func post(_ path: String, _ object: Any, token: String) -> Response { app.sendJSON(.post, path, object, token: token) }

    private func ids(_ response: Response) -> [Int] {
        (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    @Test func anOwnerMakesFillsPagesAndEmptiesAnAlbum() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let pictures = try (1...3).map { try #require(app.upload(FakePictures.jpeg("coffee \($0)"), token: ann).object["id"] as? Int) }
        let theirs = try #require(app.upload(FakePictures.jpeg("bob's"), token: bob).object["id"] as? Int)
        let made = post("/api/v1/albums", ["name": " Holiday "], token: ann)
        #expect(made.status == .created)
        let album = try #require(made.object["id"] as? Int)
        #expect(made.headers["Location"] == "/api/v1/albums/\(album)")
        #expect(made.object["name"] as? String == "Holiday" && made.object["picture_count"] as? Int == 0)
        #expect(made.object["cover"] is NSNull)
        let added = post("/api/v1/albums/\(album)/images", ["image_ids": [pictures[0], pictures[2], theirs, 4242, pictures[0]]], token: ann)
        #expect(added.status == .ok)
        #expect(added.object["added"] as? [Int] == [pictures[0], pictures[2]] && added.object["not_found"] as? [Int] == [theirs, 4242])
        let read = app.send(.get, "/api/v1/albums/\(album)", token: ann).object
        #expect(read["picture_count"] as? Int == 2)
        #expect((read["cover"] as? [String: Any])?["thumbnail"] as? String == "/api/v1/images/\(pictures[2])/thumbnail")
        #expect((read["links"] as? [String: Any])?["images"] as? String == "/api/v1/albums/\(album)/images")
        // Its pictures, newest first, a page at a time, as the gallery's list items.
        let page = app.send(.get, "/api/v1/albums/\(album)/images?limit=1", token: ann)
        #expect(ids(page) == [pictures[2]])
        let next = try #require((page.object["links"] as? [String: Any])?["next"] as? String)
        #expect(ids(app.send(.get, next, token: ann)) == [pictures[0]])
        // Renamed; listed by name; a picture taken out; the album deleted, its pictures kept.
        #expect(app.sendJSON(.patch, "/api/v1/albums/\(album)", ["name": "Rome"], token: ann)
            .object["name"] as? String == "Rome")
        _ = post("/api/v1/albums", ["name": "Archive"], token: ann)
        let listed = app.send(.get, "/api/v1/albums", token: ann).object
        #expect((listed["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Archive", "Rome"])
        #expect(listed["max_albums"] as? Int == AlbumsUseCase.maxAlbums)
        #expect(app.send(.delete, "/api/v1/albums/\(album)/images/\(pictures[0])", token: ann).status == .noContent)
        #expect(app.send(.delete, "/api/v1/albums/\(album)/images/\(pictures[0])", token: ann).status == .notFound)
        #expect(ids(app.send(.get, "/api/v1/albums/\(album)/images", token: ann)) == [pictures[2]])
        // A deleted picture leaves the album.
        #expect(app.send(.delete, "/api/v1/images/\(pictures[2])", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/albums/\(album)", token: ann).object["picture_count"] as? Int == 0)
        #expect(app.send(.delete, "/api/v1/albums/\(album)", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/albums/\(album)", token: ann).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(pictures[1])", token: ann).status == .ok, "the pictures stay")
    }

    @Test func anotherAccountsAlbumIsNotFoundAndBadInputsAreProblems() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let picture = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        let album = try #require(post("/api/v1/albums", ["name": "Cats"], token: ann).object["id"] as? Int)
        let bobs = [
            app.send(.get, "/api/v1/albums/\(album)", token: bob),
            app.send(.get, "/api/v1/albums/\(album)/images", token: bob),
            app.sendJSON(.patch, "/api/v1/albums/\(album)", ["name": "mine"], token: bob),
            post("/api/v1/albums/\(album)/images", ["image_ids": [picture]], token: bob),
            app.send(.delete, "/api/v1/albums/\(album)/images/\(picture)", token: bob),
            app.send(.delete, "/api/v1/albums/\(album)", token: bob),
        ]
        #expect(bobs.allSatisfy { $0.status == .notFound })
        #expect(ids(app.send(.get, "/api/v1/albums", token: bob)).isEmpty)
        for bad in ["0", "-1", "abc", "99999999999999999999", "4242"] {
            #expect(app.send(.get, "/api/v1/albums/\(bad)", token: ann).status == .notFound, "\(bad)")
            #expect(app.send(.delete, "/api/v1/albums/\(album)/images/\(bad)", token: ann).status == .notFound, "\(bad)")
        }
        #expect(post("/api/v1/albums", ["name": "cats"], token: ann).status == .conflict, "names ignore case")
        #expect(post("/api/v1/albums", ["name": "cats"], token: bob).status == .created, "per account")
        for name in ["", "  ", String(repeating: "n", count: 101), "a\u{7}b"] {
            #expect(post("/api/v1/albums", ["name": name], token: ann).errorFields == ["name"], "\(name)")
        }
        #expect(post("/api/v1/albums", ["name": "x", "colour": "red"], token: ann).status == .unprocessableContent)
        #expect(post("/api/v1/albums/\(album)/images", ["image_ids": []], token: ann).errorFields == ["image_ids"])
        #expect(post("/api/v1/albums/\(album)/images", ["image_ids": Array(repeating: picture, count: 101)], token: ann).errorFields == ["image_ids"])
        for query in ["?limit=0", "?limit=101", "?cursor=garbage"] {
            #expect(app.send(.get, "/api/v1/albums/\(album)/images\(query)", token: ann).status == .unprocessableContent, "\(query)")
        }
        #expect(app.send(.get, "/api/v1/albums").status == .unauthorized)
        #expect(app.send(.get, "/api/v1/albums/\(album)").status == .unauthorized)
    }
}
