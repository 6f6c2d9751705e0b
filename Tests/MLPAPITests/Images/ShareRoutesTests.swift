import Foundation
import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// `/api/v1/images/{id}/share`: making, reading and stopping a picture's link; `/s/{token}` opening it.
@Suite struct ShareRoutesTests {
    let app = ImageTestApp()

    private func token(fromPath path: String) -> String { String(path.dropFirst("/s/".count)) }

    @Test func aLinkIsMadeOnceReadAndStopped() throws {
        let ann = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), title: "Morning", token: ann).object["id"] as? Int)
        let notYet = app.send(.get, "/api/v1/images/\(id)/share", token: ann)
        #expect(notYet.status == .ok)
        #expect(notYet.text == #"{"created_at":null,"path":null,"shared":false,"url":null}"#)

        let made = app.send(.put, "/api/v1/images/\(id)/share", token: ann, headers: ["Host": "photos.example.org"])
        #expect(made.status == .created)
        #expect(made.object["shared"] as? Bool == true)
        let path = try #require(made.object["path"] as? String)
        #expect(path.hasPrefix("/s/") && ImageShare.isWellFormed(token(fromPath: path)))
        #expect(made.object["url"] as? String == "http://photos.example.org\(path)")
        #expect(made.object["created_at"] is String)
        // Again: the same link, 200.
        let again = app.send(.put, "/api/v1/images/\(id)/share", token: ann)
        #expect(again.status == .ok)
        #expect(again.object["path"] as? String == path)
        #expect(again.object["url"] as? String == path, "no Host header: the path alone")
        let read = app.send(.get, "/api/v1/images/\(id)/share", token: ann, headers: ["X-Forwarded-Host": "a.example, b.example", "Host": "x"])
        #expect(read.object["url"] as? String == "http://a.example\(path)")
        let odd = app.send(.get, "/api/v1/images/\(id)/share", token: ann, headers: ["Host": "evil.example/<script>"])
        #expect(odd.object["url"] as? String == path, "a host that is not plain is not echoed")

        #expect(app.send(.delete, "/api/v1/images/\(id)/share", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)/share", token: ann).object["shared"] as? Bool == false)
        #expect(app.send(.delete, "/api/v1/images/\(id)/share", token: ann).status == .noContent, "stopping twice is fine")
        // A new link is a new token: the old one stays dead.
        let remade = app.send(.put, "/api/v1/images/\(id)/share", token: ann)
        #expect(remade.status == .created)
        #expect(remade.object["path"] as? String != path)
    }

    @Test func theLinkNamesTheHostThePortAndThePublicURL() throws {
        func request(_ headers: HTTPHeaders, port: Int?, secure: Bool = false) -> Request {
            var request = Request(method: .get, path: "/", headers: headers, isSecure: secure)
            request.serverPort = port
            return request
        }
        let token = String(repeating: "t", count: 43)
        // Debian's nginx passes `$host`, without the port: the port nginx listened on is added unless default.
        #expect(ShareLink.url(token, request: request(["Host": "127.0.0.1"], port: 8080)) == "http://127.0.0.1:8080/s/\(token)")
        #expect(ShareLink.url(token, request: request(["Host": "photos.example"], port: 80)) == "http://photos.example/s/\(token)")
        #expect(ShareLink.url(token, request: request(["Host": "photos.example"], port: 443, secure: true)) == "https://photos.example/s/\(token)")
        #expect(ShareLink.url(token, request: request(["Host": "photos.example:9000"], port: 8080)) == "http://photos.example:9000/s/\(token)")
        #expect(ShareLink.url(token, request: request(["Host": "[::1]"], port: 8080)) == "http://[::1]:8080/s/\(token)")
        // A proxy in front names the public host; nginx's own port is not the visitor's then.
        #expect(ShareLink.url(token, request: request(["Host": "internal", "X-Forwarded-Host": "photos.example"], port: 8080))
            == "http://photos.example/s/\(token)")
        #expect(ShareLink.url(token, request: request(["Host": "a b"], port: 8080)) == "/s/\(token)")
        #expect(ShareLink.url(token, request: request([:], port: 8080)) == "/s/\(token)")
        // MLP_PUBLIC_URL wins over all of it.
        #expect(ShareLink.url(token, request: request(["Host": "internal"], port: 8080), publicURL: "https://photos.example")
            == "https://photos.example/s/\(token)")
        #expect(try ShareLink.checkedPublicURL("https://photos.example.org/") == "https://photos.example.org")
        #expect(try ShareLink.checkedPublicURL("http://10.0.0.5:8080") == "http://10.0.0.5:8080")
        for bad in ["photos.example.org", "ftp://photos.example", "https://photos.example/mlp", "https://user@photos.example",
                    "https://", "https://photos.example?x=1", "javascript:alert(1)"] {
            #expect(throws: ShareLink.PublicURLError.self, "\(bad)") { try ShareLink.checkedPublicURL(bad) }
        }
    }

    @Test func onlyTheOwnerSharesAndDeletingThePictureEndsTheLink() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        for method in [HTTPMethod.get, .put, .delete] {
            #expect(app.send(method, "/api/v1/images/\(id)/share", token: bob).status == .notFound, "\(method)")
            #expect(app.send(method, "/api/v1/images/\(id)/share").status == .unauthorized, "\(method)")
        }
        for bad in ["0", "-1", "abc", "99999999999999999999", "424242"] {
            #expect(app.send(.put, "/api/v1/images/\(bad)/share", token: ann).status == .notFound, "\(bad)")
        }
        #expect(app.send(.post, "/api/v1/images/\(id)/share", token: ann).status == .methodNotAllowed)
        let path = try #require(app.send(.put, "/api/v1/images/\(id)/share", token: ann).object["path"] as? String)
        #expect(app.images.read { $0.shares.count } == 1)
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        #expect(app.images.read { $0.shares.isEmpty }, "the link is removed with the picture")
        let use = ShareImageUseCase(unitOfWork: InMemoryImageUnitOfWork(store: app.images), tokens: FakeTokens())
        #expect(throws: DomainError.shareNotFound) { try use.open(token: token(fromPath: path)) }
    }

    @Test func theOwnerListsWhatIsSharedNewestFirst() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        func listed(_ token: String) -> (ids: [Int], total: Int?) {
            let object = app.send(.get, "/api/v1/users/me/shares", token: token).object
            return ((object["items"] as? [[String: Any]] ?? []).compactMap { $0["image_id"] as? Int }, object["total"] as? Int)
        }
        #expect(listed(ann).ids.isEmpty && listed(ann).total == 0)
        var ids: [Int] = []
        for index in 0..<3 {
            ids.append(try #require(app.upload(FakePictures.jpeg("coffee \(index)"), title: "Coffee \(index)", token: ann).object["id"] as? Int))
        }
        for id in [ids[0], ids[2]] {
            #expect(app.send(.put, "/api/v1/images/\(id)/share", token: ann).status == .created)
            app.clock.advance(by: 1)
        }
        let bobs = try #require(app.upload(FakePictures.jpeg("bob's"), token: bob).object["id"] as? Int)
        #expect(app.send(.put, "/api/v1/images/\(bobs)/share", token: bob).status == .created)
        #expect(listed(ann).ids == [ids[2], ids[0]])
        #expect(listed(ann).total == 2)
        #expect(listed(bob).ids == [bobs])
        let item = try #require((app.send(.get, "/api/v1/users/me/shares", token: ann, headers: ["Host": "photos.example"]).object["items"] as? [[String: Any]])?.first)
        #expect(item["title"] as? String == "Coffee 2")
        #expect((item["url"] as? String)?.hasPrefix("http://photos.example/s/") == true)
        #expect((item["links"] as? [String: Any])?["image"] as? String == "/api/v1/images/\(ids[2])")
        #expect(Set(item.keys) == ["image_id", "title", "path", "url", "created_at", "links"])
        // An untitled picture has "title":null, not a missing key.
        let untitled = try #require(app.upload(FakePictures.jpeg("untitled"), token: ann).object["id"] as? Int)
        #expect(app.send(.put, "/api/v1/images/\(untitled)/share", token: ann).status == .created)
        let first = app.send(.get, "/api/v1/users/me/shares", token: ann).text
        #expect(first.contains(#""image_id":\#(untitled),"links":{"image":"/api/v1/images/\#(untitled)"},"path":"#))
        #expect(first.contains(#""title":null"#))
        #expect(app.send(.delete, "/api/v1/images/\(untitled)", token: ann).status == .noContent)
        // Stopped or deleted: no longer listed.
        #expect(app.send(.delete, "/api/v1/images/\(ids[2])/share", token: ann).status == .noContent)
        #expect(app.send(.delete, "/api/v1/images/\(ids[0])", token: ann).status == .noContent)
        #expect(listed(ann).ids.isEmpty)
        #expect(app.send(.get, "/api/v1/users/me/shares").status == .unauthorized)
    }

    @Test func openingALinkShowsThePictureWithoutAnAccount() throws {
        let ann = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg("coffee for all"), title: "Morning", token: ann).object["id"] as? Int)
        let path = try #require(app.send(.put, "/api/v1/images/\(id)/share", token: ann).object["path"] as? String)
        let unitOfWork = InMemoryImageUnitOfWork(store: app.images)
        let use = ShareImageUseCase(unitOfWork: unitOfWork, tokens: FakeTokens(), processor: FakeProcessor(), digester: FakeDigester())
        let opened = try use.open(token: token(fromPath: path))
        #expect(opened.details.image.title == "Morning")
        #expect(opened.details.predictions.first?.label == "espresso")
        #expect(opened.details.bytes == nil)
        let shown = try use.content(token: token(fromPath: path), variant: .original)
        #expect(shown.bytes == FakeProcessor().withoutMetadata(FakePictures.jpeg("coffee for all")))
        #expect(shown.sha256 == FakeDigester().sha256Hex(shown.bytes))
        #expect(app.send(.get, "/api/v1/images/\(id)/content", token: ann).body == FakePictures.jpeg("coffee for all"), "the owner's file as uploaded")
        // A use case made only to make and end links serves no picture.
        let linksOnly = ShareImageUseCase(unitOfWork: unitOfWork, tokens: FakeTokens())
        #expect(throws: DomainError.self) { try linksOnly.content(token: token(fromPath: path), variant: .original) }
        for bad in ["", "short", String(repeating: "a", count: 65), "../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaaaaa", String(repeating: "b", count: 43)] {
            #expect(throws: DomainError.shareNotFound) { try use.open(token: bad) }
            #expect(throws: DomainError.shareNotFound) { try use.content(token: bad, variant: .thumbnail) }
        }
    }
}
