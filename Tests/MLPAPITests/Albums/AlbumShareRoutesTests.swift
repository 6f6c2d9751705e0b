import Foundation
import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// `/api/v1/albums/{id}/share`: an album's link made, read and stopped by its owner; what the link opens.
@Suite struct AlbumShareRoutesTests {
    let app = ImageTestApp()

    private func album(_ name: String, pictures: [Int], token: String) throws -> Int {
        let body = try JSONSerialization.data(withJSONObject: ["name": name])
        let made = app.send(.post, "/api/v1/albums", body: [UInt8](body), contentType: "application/json", token: token)
        let id = try #require(made.object["id"] as? Int)
        if !pictures.isEmpty {
            let ids = try JSONSerialization.data(withJSONObject: ["image_ids": pictures])
            #expect(app.send(.post, "/api/v1/albums/\(id)/images", body: [UInt8](ids), contentType: "application/json", token: token).status == .ok)
        }
        return id
    }

    private func token(fromPath path: String) -> String { String(path.dropFirst("/a/".count)) }

    private var useCase: ShareAlbumUseCase {
        ShareAlbumUseCase(
            unitOfWork: InMemoryImageUnitOfWork(store: app.images), tokens: FakeTokens(), processor: FakeProcessor(), digester: FakeDigester()
        )
    }

    @Test func aLinkIsMadeOnceReadAndStoppedByTheOwnerOnly() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try album("Holiday", pictures: [], token: ann)
        let notYet = app.send(.get, "/api/v1/albums/\(id)/share", token: ann)
        #expect(notYet.status == .ok)
        #expect(notYet.text == #"{"created_at":null,"path":null,"shared":false,"url":null}"#)

        let made = app.send(.put, "/api/v1/albums/\(id)/share", token: ann, headers: ["Host": "photos.example.org"])
        #expect(made.status == .created)
        let path = try #require(made.object["path"] as? String)
        #expect(path.hasPrefix("/a/") && ImageShare.isWellFormed(token(fromPath: path)))
        #expect(made.object["url"] as? String == "http://photos.example.org\(path)")
        let again = app.send(.put, "/api/v1/albums/\(id)/share", token: ann)
        #expect(again.status == .ok && again.object["path"] as? String == path)
        #expect(app.send(.get, "/api/v1/albums/\(id)/share", token: ann).object["path"] as? String == path)

        for method in [HTTPMethod.get, .put, .delete] {
            #expect(app.send(method, "/api/v1/albums/\(id)/share", token: bob).status == .notFound, "\(method)")
            #expect(app.send(method, "/api/v1/albums/\(id)/share").status == .unauthorized, "\(method)")
        }
        for bad in ["0", "-1", "abc", "99999999999999999999", "424242"] {
            #expect(app.send(.put, "/api/v1/albums/\(bad)/share", token: ann).status == .notFound, "\(bad)")
        }
        #expect(app.send(.post, "/api/v1/albums/\(id)/share", token: ann).status == .methodNotAllowed)

        #expect(app.send(.delete, "/api/v1/albums/\(id)/share", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/albums/\(id)/share", token: ann).object["shared"] as? Bool == false)
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.open(token: token(fromPath: path)) }
        #expect(app.send(.delete, "/api/v1/albums/\(id)/share", token: ann).status == .noContent, "stopping twice is fine")
        let remade = try #require(app.send(.put, "/api/v1/albums/\(id)/share", token: ann).object["path"] as? String)
        #expect(remade != path, "a new link is a new token: the old one stays dead")
        // Deleting the album ends its link.
        #expect(app.send(.delete, "/api/v1/albums/\(id)", token: ann).status == .noContent)
        #expect(app.images.read { $0.albumShares.isEmpty })
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.open(token: token(fromPath: remade)) }
    }

    @Test func theLinkShowsWhatTheAlbumHoldsAndNothingElse() throws {
        let ann = try app.token("ann@example.com")
        let pictures = try (1...3).map {
            try #require(app.upload(FakePictures.jpeg("coffee \($0)"), title: "Coffee \($0)", token: ann).object["id"] as? Int)
        }
        let outside = try #require(app.upload(FakePictures.jpeg("not in it"), token: ann).object["id"] as? Int)
        let id = try album("Mornings", pictures: [pictures[0], pictures[1], pictures[2]], token: ann)
        let path = try #require(app.send(.put, "/api/v1/albums/\(id)/share", token: ann).object["path"] as? String)
        let token = token(fromPath: path)

        let opened = try useCase.open(token: token, limit: 2)
        #expect(opened.album.album.name == "Mornings" && opened.album.pictureCount == 3)
        #expect(opened.page.items.map(\.image.id) == [Int64(pictures[2]), Int64(pictures[1])])
        let older = try useCase.open(token: token, limit: 2, after: opened.page.next)
        #expect(older.page.items.map(\.image.id) == [Int64(pictures[0])] && older.page.nextBeforeID == nil)

        let picture = try useCase.picture(token: token, imageID: Int64(pictures[1]))
        #expect(picture.details.image.title == "Coffee 2" && picture.album.id == Int64(id))
        #expect(picture.details.bytes == nil)
        let bytes = try useCase.content(token: token, imageID: Int64(pictures[1]), variant: .original)
        #expect(bytes.bytes == FakeProcessor().withoutMetadata(FakePictures.jpeg("coffee 2")), "sent without the file's metadata")
        #expect(bytes.sha256 == FakeDigester().sha256Hex(bytes.bytes))
        #expect(try useCase.content(token: token, imageID: Int64(pictures[1]), variant: .thumbnail).bytes.isEmpty == false)

        // A picture of the owner's that is not in the album, or no longer is, or is deleted: not through this link.
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.picture(token: token, imageID: Int64(outside)) }
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.content(token: token, imageID: Int64(outside), variant: .original) }
        #expect(app.send(.delete, "/api/v1/albums/\(id)/images/\(pictures[0])", token: ann).status == .noContent)
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.picture(token: token, imageID: Int64(pictures[0])) }
        #expect(app.send(.delete, "/api/v1/images/\(pictures[1])", token: ann).status == .noContent)
        #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.content(token: token, imageID: Int64(pictures[1]), variant: .thumbnail) }
        #expect(try useCase.open(token: token).page.items.map(\.image.id) == [Int64(pictures[2])])
        for bad in ["", "short", String(repeating: "a", count: 65), "../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaaaaa", String(repeating: "b", count: 43)] {
            #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.open(token: bad) }
            #expect(throws: DomainError.sharedAlbumNotFound) { try useCase.content(token: bad, imageID: Int64(pictures[2]), variant: .thumbnail) }
        }
    }

    @Test func theOwnersListNamesSharedAlbumsBesidePictures() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let first = try album("Archive", pictures: [], token: ann)
        let second = try album("Rome", pictures: [], token: ann)
        _ = try album("Bob's", pictures: [], token: bob)
        #expect(app.send(.put, "/api/v1/albums/\(first)/share", token: ann).status == .created)
        app.clock.advance(by: 1)
        #expect(app.send(.put, "/api/v1/albums/\(second)/share", token: ann).status == .created)
        let listed = app.send(.get, "/api/v1/users/me/shares", token: ann, headers: ["Host": "photos.example"]).object
        let albums = try #require(listed["albums"] as? [[String: Any]])
        #expect(albums.compactMap { $0["name"] as? String } == ["Rome", "Archive"], "newest link first")
        #expect(listed["albums_total"] as? Int == 2 && listed["total"] as? Int == 0)
        #expect((albums.first?["url"] as? String)?.hasPrefix("http://photos.example/a/") == true)
        #expect((albums.first?["links"] as? [String: Any])?["album"] as? String == "/api/v1/albums/\(second)")
        #expect(Set(albums.first?.keys.map { $0 } ?? []) == ["album_id", "name", "path", "url", "created_at", "links"])
        let bobs = app.send(.get, "/api/v1/users/me/shares", token: bob).object
        #expect((bobs["albums"] as? [Any])?.isEmpty == true && bobs["albums_total"] as? Int == 0)
    }

    @Test func anAdministratorStopsAnAlbumLinkAsReported() throws {
        let ann = try app.token("ann@example.com")
        let id = try album("Holiday", pictures: [], token: ann)
        let path = try #require(app.send(.put, "/api/v1/albums/\(id)/share", token: ann).object["path"] as? String)
        #expect(throws: DomainError.self) { try useCase.stop(link: "https://photos.example/s/") }
        #expect(try useCase.stop(link: "https://photos.example\(path)/12?from=mail")?.albumID == Int64(id), "a picture's page in it names the album")
        #expect(try useCase.stop(link: path) == nil, "stopped already")
        #expect(app.send(.get, "/api/v1/albums/\(id)/share", token: ann).object["shared"] as? Bool == false)
    }
}
