import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// `GET /api/v1/albums/{id}/export` and "Download this album": the account's archive with only the album's pictures.
@Suite struct AlbumExportTests {
    @Test func theArchiveHoldsOnlyTheAlbumsActivePicturesAndNamesTheAlbum() throws {
        let app = ImageTestApp()
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let ids = try ["in one", "out", "in two", "deleted"].map {
            try #require(app.upload(FakePictures.jpeg($0), title: $0, token: ann).object["id"] as? Int)
        }
        let made = app.send(.post, "/api/v1/albums", body: Array(#"{"name":"Kitchen"}"#.utf8), contentType: "application/json", token: ann)
        let album = try #require(made.object["id"] as? Int)
        let body = Array(#"{"image_ids":[\#(ids[0]),\#(ids[2]),\#(ids[3])]}"#.utf8)
        #expect(app.send(.post, "/api/v1/albums/\(album)/images", body: body, contentType: "application/json", token: ann).status == .ok)
        #expect(app.send(.delete, "/api/v1/images/\(ids[3])", token: ann).status == .noContent)

        let response = app.send(.get, "/api/v1/albums/\(album)/export", token: ann)
        #expect(response.status == .ok && response.headers["Content-Type"] == "application/x-tar")
        #expect(response.headers["Content-Disposition"] == #"attachment; filename="mlp-album-\#(album)-2027-01-15.tar""#)
        let members = try TarMember.members(of: try #require(response.stream).collected())
        #expect(members.map(\.name) == [
            "mlp-export/", "mlp-export/README.txt", "mlp-export/account.json", "mlp-export/album.json", "mlp-export/pictures/",
            "mlp-export/pictures/\(ids[0]).jpg", "mlp-export/pictures/\(ids[0]).json",
            "mlp-export/pictures/\(ids[2]).jpg", "mlp-export/pictures/\(ids[2]).json",
        ])
        let byName = Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0) })
        #expect(byName["mlp-export/pictures/\(ids[2]).jpg"]?.bytes == FakePictures.jpeg("in two"), "as uploaded")
        func object(_ name: String) throws -> [String: Any] {
            let member = try #require(byName[name])
            return try #require(try JSONSerialization.jsonObject(with: Data(member.bytes)) as? [String: Any])
        }
        let named = try object("mlp-export/album.json")
        #expect(named["name"] as? String == "Kitchen" && named["id"] as? Int == album)
        let picture = try object("mlp-export/pictures/\(ids[0]).json")
        #expect(picture["albums"] as? [String] == ["Kitchen"] && picture["title"] as? String == "in one")
        let readme = try #require(byName["mlp-export/README.txt"])
        #expect(String(decoding: readme.bytes, as: UTF8.self).contains("one of your albums"))

        // Another account's album, a malformed id, no token.
        #expect(app.send(.get, "/api/v1/albums/\(album)/export", token: bob).status == .notFound)
        #expect(app.send(.get, "/api/v1/albums/abc/export", token: ann).status == .notFound)
        #expect(app.send(.get, "/api/v1/albums/\(album)/export").status == .unauthorized)
    }

    @Test func theAlbumPageOffersTheDownload() throws {
        let owner = try WebTestApp().loggedIn()
        try owner.upload(files: [("a.jpg", FakePictures.jpeg("a"))])
        let id = try #require(owner.imageStore.read { $0.images.keys.max() })
        let made = try owner.submit("/images/album?id=\(id)", to: "/images/album", [("id", "\(id)"), ("album", "new"), ("new_album", "Trip")])
        let album = try #require(made.headers["Location"])
        #expect(owner.send(.get, album).text.contains(#"href="\#(album)/export" download>Download this album</a>"#))
        let download = owner.send(.get, album + "/export")
        #expect(download.status == .ok && download.headers["Content-Type"] == "application/x-tar")
        let members = try TarMember.members(of: try #require(download.stream).collected())
        #expect(members.filter { $0.name.hasSuffix(".jpg") }.map(\.bytes) == [FakePictures.jpeg("a")])
        let other = try owner.anotherAccount("bob@example.com")
        #expect(other.send(.get, album + "/export").status == .notFound)
        #expect(WebTestApp.sharing(owner).send(.get, album + "/export").status == .seeOther, "logged out: the login page")
    }
}
