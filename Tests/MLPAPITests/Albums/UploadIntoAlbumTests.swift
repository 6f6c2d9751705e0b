import Foundation
import HTTP
import MLPDomain
import Testing

/// `POST /api/v1/images` with `album_id`: the picture goes into one of the caller's albums with its upload, or
/// nothing is stored.
@Suite struct UploadIntoAlbumTests {
    let app = ImageTestApp()

    private func album(_ name: String, token: String) throws -> Int {
        try #require(app.sendJSON(.post, "/api/v1/albums", ["name": name], token: token).object["id"] as? Int)
    }

    private func held(_ album: Int, token: String) -> [Int] {
        app.send(.get, "/api/v1/albums/\(album)/images", token: token).itemIDs
    }

    private func upload(_ object: [String: Any], token: String, key: String? = nil) -> Response {
        var headers = HTTPHeaders()
        if let key { headers.set("Idempotency-Key", key) }
        let body = (try? JSONSerialization.data(withJSONObject: object)).map { [UInt8]($0) } ?? []
        return app.send(.post, "/api/v1/images", body: body, contentType: "application/json", token: token, headers: headers)
    }

    private var picture: String { Data(FakePictures.jpeg()).base64EncodedString() }

    @Test func aJSONOrMultipartUploadGoesIntoTheAlbumAndBecomesItsCover() throws {
        let token = try app.token("ann@example.com")
        let trip = try album("Trip", token: token)
        let json = upload(["image_base64": picture, "title": "Beach", "album_id": trip], token: token)
        #expect(json.status == .created)
        let first = try #require(json.object["id"] as? Int)
        let form = ImageTestApp.multipart([("file", FakePictures.png()), ("album_id", Array(" \(trip) ".utf8))])
        let multipart = app.send(.post, "/api/v1/images", body: form.body, contentType: form.contentType, token: token)
        #expect(multipart.status == .created)
        let second = try #require(multipart.object["id"] as? Int)
        #expect(held(trip, token: token) == [second, first])
        let cover = app.send(.get, "/api/v1/albums/\(trip)", token: token).object["cover"] as? [String: Any]
        #expect(cover?["id"] as? Int == second)
        // Without an album, or with `null`, it goes into none.
        #expect(upload(["image_base64": picture, "album_id": NSNull()], token: token).status == .created)
        #expect(held(trip, token: token).count == 2)
    }

    @Test func anAlbumThatIsNotTheCallersStoresNothing() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let bobs = try album("Bob's", token: bob)
        for albumID in [bobs, 0, -3, 999_999] {
            let refused = upload(["image_base64": picture, "album_id": albumID], token: ann)
            #expect(refused.status == .unprocessableContent, "\(albumID)")
            #expect(refused.errorFields == ["album_id"], "\(albumID)")
        }
        let text = upload(["image_base64": picture, "album_id": "\(bobs)"], token: ann)
        #expect(text.status == .unprocessableContent && text.errorFields == ["album_id"])
        for number in ["99999999999999999999", "1e30", "1.5", "-0"] {
            let body = Array(#"{"image_base64":"\#(picture)","album_id":\#(number)}"#.utf8)
            let refused = app.send(.post, "/api/v1/images", body: body, contentType: "application/json", token: ann)
            #expect(refused.status == .unprocessableContent, "\(number): \(refused.status)")
            #expect(refused.errorFields == ["album_id"], "\(number)")
        }
        for value in ["abc", "", "1.5"] {
            let form = ImageTestApp.multipart([("file", FakePictures.jpeg()), ("album_id", Array(value.utf8))])
            let refused = app.send(.post, "/api/v1/images", body: form.body, contentType: form.contentType, token: ann)
            #expect(refused.status == .unprocessableContent && refused.errorFields == ["album_id"], "\(value)")
        }
        let twice = ImageTestApp.multipart([("file", FakePictures.jpeg()), ("album_id", Array("1".utf8)), ("album_id", Array("2".utf8))])
        #expect(app.send(.post, "/api/v1/images", body: twice.body, contentType: twice.contentType, token: ann).errorFields == ["album_id"])
        #expect(app.imageCount == 0 && app.predictionCount == 0)
        #expect(held(bobs, token: bob).isEmpty)
        // A replacement has no album to go into: the field is unknown there.
        let id = try #require(upload(["image_base64": picture], token: ann).object["id"] as? Int)
        let body = (try? JSONSerialization.data(withJSONObject: ["image_base64": picture, "album_id": 1])).map { [UInt8]($0) } ?? []
        let replaced = app.send(.put, "/api/v1/images/\(id)", body: body, contentType: "application/json", token: ann)
        #expect(replaced.status == .unprocessableContent && replaced.errorFields == ["album_id"])
    }

    @Test func aRetriedUploadIntoAnAlbumIsTheFirstAndTheKeyRemembersTheAlbum() throws {
        let token = try app.token("ann@example.com")
        let trip = try album("Trip", token: token)
        let other = try album("Other", token: token)
        let first = upload(["image_base64": picture, "album_id": trip], token: token, key: "sync-1")
        #expect(first.status == .created)
        let again = upload(["image_base64": picture, "album_id": trip], token: token, key: "sync-1")
        #expect(again.status == .ok && again.headers["Idempotent-Replayed"] == "true")
        #expect(again.object["id"] as? Int == first.object["id"] as? Int)
        #expect(held(trip, token: token).count == 1)
        let elsewhere = upload(["image_base64": picture, "album_id": other], token: token, key: "sync-1")
        #expect(elsewhere.status == .unprocessableContent && elsewhere.errorFields == ["Idempotency-Key"])
        #expect(upload(["image_base64": picture], token: token, key: "sync-1").errorFields == ["Idempotency-Key"])
        #expect(held(other, token: token).isEmpty && app.imageCount == 1)
    }
}
