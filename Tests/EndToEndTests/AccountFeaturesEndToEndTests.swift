import Foundation
import Testing

/// What the account's owner does besides uploading, through nginx: API keys, finding by picture, albums.
@Suite("Through nginx: API keys, finding by picture, albums", .enabled(if: EndToEnd.isConfigured))
struct AccountFeaturesEndToEndTests {
    /// An API key made by a login uploads and reads through nginx like a login's token; a read-only one reads and is
    /// refused the upload (403, problem+json, nothing stored); revoked, it is a 401.
    @Test func apiKeysUploadOrOnlyReadAndEndWhenRevoked() async throws {
        let login = try await EndToEnd.newUser("keys")
        let json = ["Content-Type": "application/json"]
        func makeKey(_ body: [String: Any]) async throws -> (id: Int, token: String) {
            let made = try await EndToEnd.send(
                "POST", "/api/v1/users/me/keys", body: try JSONSerialization.data(withJSONObject: body), headers: json.merging(login) { $1 })
            #expect(made.status == 201)
            #expect(made.header("Cache-Control") == "no-store")
            let object = try made.json()
            return (try #require(object["id"] as? Int), try #require(object["token"] as? String))
        }
        let uploader = try await makeKey(["name": "uploader", "expires_in_days": 7])
        let reader = try await makeKey(["name": "viewer", "read_only": true])
        let picture = try JSONSerialization.data(withJSONObject: ["image_base64": try EndToEnd.fixture("coffee.jpg").base64EncodedString()])
        let uploaded = try await EndToEnd.send(
            "POST", "/api/v1/images", body: picture, headers: json.merging(["Authorization": "Bearer \(uploader.token)"]) { $1 })
        #expect(uploaded.status == 201)
        let refused = try await EndToEnd.send(
            "POST", "/api/v1/images", body: picture, headers: json.merging(["Authorization": "Bearer \(reader.token)"]) { $1 })
        #expect(refused.status == 403)
        #expect(refused.header("Content-Type") == "application/problem+json")
        let listed = try await EndToEnd.send("GET", "/api/v1/images", headers: ["Authorization": "Bearer \(reader.token)"])
        #expect((try listed.json()["items"] as? [[String: Any]])?.count == 1, "one picture: the read-only key stored nothing")
        // A read-only key may still ask whether a file is there: by its digest, or by sending it (nothing stored).
        let digest = try #require(try uploaded.json()["sha256"] as? String)
        let byDigest = try await EndToEnd.send("GET", "/api/v1/images?sha256=\(digest)", headers: ["Authorization": "Bearer \(reader.token)"])
        let uploadedID = try #require(try uploaded.json()["id"] as? Int)
        let found = try byDigest.json()["items"] as? [[String: Any]]
        #expect(found?.compactMap { $0["id"] as? Int } == [uploadedID])
        let searched = try await EndToEnd.send(
            "POST", "/api/v1/images/search", body: picture, headers: json.merging(["Authorization": "Bearer \(reader.token)"]) { $1 })
        let same = try searched.json()["same_picture"] as? [[String: Any]]
        #expect(searched.status == 200 && same?.count == 1)
        // A key cannot list or make keys; its login revokes it.
        let keysByKey = try await EndToEnd.send("GET", "/api/v1/users/me/keys", headers: ["Authorization": "Bearer \(uploader.token)"])
        #expect(keysByKey.status == 403)
        let revoked = try await EndToEnd.send("DELETE", "/api/v1/users/me/keys/\(uploader.id)", headers: login)
        #expect(revoked.status == 204)
        let after = try await EndToEnd.send("GET", "/api/v1/images", headers: ["Authorization": "Bearer \(uploader.token)"])
        #expect(after.status == 401)
        let stillReads = try await EndToEnd.send("GET", "/api/v1/images", headers: ["Authorization": "Bearer \(reader.token)"])
        #expect(stillReads.status == 200)
    }

    /// A picture at hand, classified by the real model through nginx and not stored: its copy comes apart, the
    /// likes by label overlap.
    @Test func findingByPictureShowsTheCopyAndStoresNothing() async throws {
        let bearer = try await EndToEnd.newUser("search")
        let auth = bearer.merging(["Content-Type": "application/json"]) { $1 }
        func body(_ name: String) throws -> Data {
            try JSONSerialization.data(withJSONObject: ["image_base64": try EndToEnd.fixture(name).base64EncodedString()])
        }
        let coffee = try #require(try await EndToEnd.send("POST", "/api/v1/images", body: body("coffee.jpg"), headers: auth).json()["id"] as? Int)
        let cat = try #require(try await EndToEnd.send("POST", "/api/v1/images", body: body("chelsea.png"), headers: auth).json()["id"] as? Int)
        let found = try await EndToEnd.send("POST", "/api/v1/images/search", body: body("coffee.jpg"), headers: auth)
        #expect(found.status == 200)
        let answer = try found.json()
        #expect((answer["predictions"] as? [[String: Any]])?.first?["label"] as? String == "espresso")
        #expect((answer["same_picture"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [coffee])
        #expect((answer["similar"] as? [[String: Any]])?.contains { $0["id"] as? Int == coffee } == false)
        let byCat = try await EndToEnd.send("POST", "/api/v1/images/search", body: body("chelsea.png"), headers: auth).json()
        #expect((byCat["same_picture"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [cat])
        let listed = try await EndToEnd.send("GET", "/api/v1/images", headers: bearer).json()
        #expect((listed["items"] as? [[String: Any]])?.count == 2, "the searches stored nothing")
        let text = try JSONSerialization.data(withJSONObject: ["image_base64": Data("not a picture".utf8).base64EncodedString()])
        #expect(try await EndToEnd.send("POST", "/api/v1/images/search", body: text, headers: auth).status == 415)
    }

    /// An album through nginx: made, filled with the owner's pictures only, paged, and deleted with its pictures kept.
    @Test func anUploadGoesIntoAnAlbumInTheSameRequest() async throws {
        let ann = try await EndToEnd.newUser("album-upload")
        let bob = try await EndToEnd.newUser("album-upload-other")
        let json = ["Content-Type": "application/json"]
        func album(_ name: String, of auth: [String: String]) async throws -> Int {
            let made = try await EndToEnd.send(
                "POST", "/api/v1/albums", body: try JSONSerialization.data(withJSONObject: ["name": name]), headers: auth.merging(json) { $1 })
            return try #require(try made.json()["id"] as? Int)
        }
        let trip = try await album("Trip", of: ann)
        let bobs = try await album("Bob's", of: bob)
        let (form, type) = EndToEnd.multipart(
            file: try EndToEnd.fixture("coffee.jpg"), filename: "coffee.jpg", type: "image/jpeg", fields: [("album_id", "\(trip)")]
        )
        let stored = try await EndToEnd.send("POST", "/api/v1/images", body: form, headers: ann.merging(["Content-Type": type]) { $1 })
        #expect(stored.status == 201)
        let id = try #require(try stored.json()["id"] as? Int)
        let held = try await EndToEnd.send("GET", "/api/v1/albums/\(trip)/images", headers: ann).json()
        #expect((held["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
        // Into someone else's album: 422 on album_id, and the account still has one picture.
        let body = try JSONSerialization.data(withJSONObject: [
            "image_base64": try EndToEnd.fixture("chelsea.png").base64EncodedString(), "album_id": bobs,
        ])
        let refused = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: ann.merging(json) { $1 })
        #expect(refused.status == 422 && refused.header("Content-Type") == "application/problem+json")
        #expect(String(decoding: refused.body, as: UTF8.self).contains(#""field":"album_id""#))
        let all = try await EndToEnd.send("GET", "/api/v1/images", headers: ann).json()
        #expect((all["items"] as? [[String: Any]])?.count == 1)
    }

    @Test func albumsHoldTheOwnersPicturesAndKeepThemWhenDeleted() async throws {
        let ann = try await EndToEnd.newUser("albums")
        let bob = try await EndToEnd.newUser("albums-other")
        let json = ["Content-Type": "application/json"]
        let coffee = try await EndToEnd.upload("coffee.jpg", as: ann)
        let cat = try await EndToEnd.upload("chelsea.png", as: ann)
        let theirs = try await EndToEnd.upload("coffee.jpg", as: bob)
        let made = try await EndToEnd.send(
            "POST", "/api/v1/albums", body: try JSONSerialization.data(withJSONObject: ["name": "Kitchen"]), headers: ann.merging(json) { $1 })
        #expect(made.status == 201)
        let album = try #require(try made.json()["id"] as? Int)
        let added = try await EndToEnd.send(
            "POST", "/api/v1/albums/\(album)/images", body: try JSONSerialization.data(withJSONObject: ["image_ids": [coffee, theirs, cat]]),
            headers: ann.merging(json) { $1 })
        #expect(try added.json()["added"] as? [Int] == [coffee, cat] && added.json()["not_found"] as? [Int] == [theirs])
        let page = try await EndToEnd.send("GET", "/api/v1/albums/\(album)/images?limit=1", headers: ann).json()
        #expect((page["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [cat])
        let next = try #require((page["links"] as? [String: Any])?["next"] as? String)
        let second = try await EndToEnd.send("GET", next, headers: ann).json()
        #expect((second["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [coffee])
        #expect(try await EndToEnd.send("GET", "/api/v1/albums/\(album)", headers: bob).status == 404)
        // The cover: the picture put in last until the owner chooses one the album holds.
        #expect((try await EndToEnd.send("GET", "/api/v1/albums/\(album)", headers: ann).json()["cover"] as? [String: Any])?["id"] as? Int == cat)
        func cover(_ id: Int, as auth: [String: String]) async throws -> EndToEnd.Reply {
            try await EndToEnd.send(
                "PUT", "/api/v1/albums/\(album)/cover", body: try JSONSerialization.data(withJSONObject: ["image_id": id]),
                headers: auth.merging(json) { $1 })
        }
        let chosen = try await cover(coffee, as: ann)
        #expect(chosen.status == 200)
        #expect((try chosen.json()["cover"] as? [String: Any])?["id"] as? Int == coffee)
        #expect(try chosen.json()["cover_chosen"] as? Bool == true)
        #expect(try await cover(theirs, as: ann).status == 422)
        #expect(try await cover(coffee, as: bob).status == 404)
        let listed = try await EndToEnd.send("GET", "/api/v1/albums", headers: ann).json()["items"] as? [[String: Any]]
        #expect((listed?.first?["cover"] as? [String: Any])?["id"] as? Int == coffee)
        let automatic = try await EndToEnd.send("DELETE", "/api/v1/albums/\(album)/cover", headers: ann)
        #expect(automatic.status == 200)
        #expect((try automatic.json()["cover"] as? [String: Any])?["id"] as? Int == cat)
        // Its download through nginx's export location: both pictures as uploaded, the other account's not.
        let download = try await EndToEnd.send("GET", "/api/v1/albums/\(album)/export", headers: ann)
        #expect(download.status == 200 && download.header("Content-Type") == "application/x-tar")
        #expect(download.body.range(of: try EndToEnd.fixture("coffee.jpg")) != nil)
        #expect(download.body.range(of: try EndToEnd.fixture("chelsea.png")) != nil)
        #expect(download.body.range(of: Data("mlp-export/pictures/\(theirs).jpg".utf8)) == nil)
        #expect(try await EndToEnd.send("GET", "/api/v1/albums/\(album)/export", headers: bob).status == 404)
        #expect(try await EndToEnd.send("DELETE", "/api/v1/albums/\(album)", headers: ann).status == 204)
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(cat)", headers: ann).status == 200)
    }

    /// An album's link through nginx: anyone opens the album and its pictures, sent without the files' metadata,
    /// and nothing else of the owner's, until it is stopped.
    @Test func aSharedAlbumShowsItsPicturesWithoutAnAccount() async throws {
        let ann = try await EndToEnd.newUser("album-link")
        let json = ["Content-Type": "application/json"]
        let coffee = try EndToEnd.fixture("coffee.jpg")
        func upload(_ bytes: Data) async throws -> Int {
            let body = try JSONSerialization.data(withJSONObject: ["image_base64": bytes.base64EncodedString()])
            return try #require(try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: ann.merging(json) { $1 }).json()["id"] as? Int)
        }
        let phone = try await upload(EndToEnd.asFromAPhone(coffee))
        let cat = try await upload(try EndToEnd.fixture("chelsea.png"))
        let outside = try await upload(try EndToEnd.fixture("chelsea.png"))
        let made = try await EndToEnd.send(
            "POST", "/api/v1/albums", body: try JSONSerialization.data(withJSONObject: ["name": "Kitchen & cat"]), headers: ann.merging(json) { $1 })
        let album = try #require(try made.json()["id"] as? Int)
        _ = try await EndToEnd.send(
            "POST", "/api/v1/albums/\(album)/images", body: try JSONSerialization.data(withJSONObject: ["image_ids": [phone, cat]]),
            headers: ann.merging(json) { $1 })
        let shared = try await EndToEnd.send("PUT", "/api/v1/albums/\(album)/share", headers: ann)
        #expect(shared.status == 201, "\(shared.text)")
        let path = try #require(try shared.json()["path"] as? String)
        #expect(try shared.json()["url"] as? String == (try #require(EndToEnd.baseURL)) + path)

        // No Authorization header, no cookie.
        let page = try await EndToEnd.send("GET", path)
        #expect(page.status == 200 && page.header("X-Robots-Tag") == "noindex, nofollow")
        #expect(page.text.contains("<h1>Kitchen &amp; cat</h1>") && page.text.contains("2 pictures"))
        #expect(page.text.contains(#"href="\#(path)/\#(phone)""#) && page.text.contains(#"href="\#(path)/\#(cat)""#))
        // (Whole path segments: a random token may begin with the digits of an id.)
        #expect(!page.text.contains("@example.org") && !page.text.contains("\(path)/\(outside)") && !page.text.contains("/images/\(outside)"))
        let picture = try await EndToEnd.send("GET", "\(path)/\(phone)")
        #expect(picture.status == 200 && picture.text.contains(">espresso</span>"))
        #expect(try await EndToEnd.send("GET", "\(path)/\(phone)/content").body == coffee, "sent without the position and the video")
        #expect(try await EndToEnd.send("GET", "\(path)/\(cat)/thumbnail").header("Content-Type") == "image/jpeg")
        for suffix in ["/\(outside)", "/\(outside)/content", "/abc", "/0/thumbnail"] {
            #expect(try await EndToEnd.send("GET", path + suffix).status == 404, "\(suffix)")
        }
        let listed = try await EndToEnd.send("GET", "/api/v1/users/me/shares", headers: ann).json()
        #expect((listed["albums"] as? [[String: Any]])?.compactMap { $0["album_id"] as? Int } == [album])

        #expect(try await EndToEnd.send("DELETE", "/api/v1/albums/\(album)/share", headers: ann).status == 204)
        for suffix in ["", "/\(phone)", "/\(phone)/content"] {
            #expect(try await EndToEnd.send("GET", path + suffix).status == 404, "\(suffix)")
        }
    }
}
