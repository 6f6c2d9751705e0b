import Foundation
import HTTP
import MLPDomain
import Testing

/// `POST /api/v1/images/search`: a picture that is not stored, the caller's pictures with its bytes and those
/// most like it.
@Suite struct FindByPictureRoutesTests {
    let app = ImageTestApp()

    private func search(_ bytes: [UInt8], _ query: String = "", token: String?) -> Response {
        let body = try? JSONSerialization.data(withJSONObject: ["image_base64": Data(bytes).base64EncodedString()])
        return app.send(.post, "/api/v1/images/search\(query)", body: body.map { [UInt8]($0) } ?? [], contentType: "application/json", token: token)
    }

    private func ids(_ response: Response, _ key: String) -> [Int] {
        (response.object[key] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    private func stored(_ token: String) -> Int {
        (app.send(.get, "/api/v1/images?limit=100", token: token).object["items"] as? [[String: Any]])?.count ?? -1
    }

    @Test func findsTheSamePictureApartAndTheMostAlikeWithoutStoringAnything() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let coffee = try #require(app.upload(FakePictures.jpeg("coffee 1"), token: ann).object["id"] as? Int)
        let coffee2 = try #require(app.upload(FakePictures.jpeg("coffee 2"), token: ann).object["id"] as? Int)
        let cat = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        _ = app.upload(FakePictures.jpeg("coffee 1"), token: bob)
        let found = search(FakePictures.jpeg("coffee 1"), token: ann)
        #expect(found.status == .ok)
        let predictions = try #require(found.object["predictions"] as? [[String: Any]])
        #expect(predictions.map { $0["label"] as? String } == ["espresso", "cup", "eggnog", "class 3", "class 4"])
        #expect(predictions.first?["rank"] as? Int == 1 && predictions.first?["model"] as? String == "fake-net")
        #expect(ids(found, "same_picture") == [coffee], "bob's copy is bob's")
        #expect(ids(found, "similar") == [coffee2, cat], "the copy is not listed twice")
        let similar = try #require((found.object["similar"] as? [[String: Any]])?.first?["similarity"] as? Double)
        #expect(abs(similar - (0.9 + 0.45 + 0.3 + 0.225 + 0.18)) < 0.0001)
        #expect(stored(ann) == 3 && stored(bob) == 1, "nothing was stored")
        // A picture not stored yet: no copy, its likes first; `limit` cuts the list.
        let other = search(FakePictures.jpeg("coffee 9"), "?limit=1", token: ann)
        #expect(ids(other, "same_picture").isEmpty && ids(other, "similar") == [coffee2])
        // As a form post with a `file` part, the same answer.
        let form = ImageTestApp.multipart([("file", FakePictures.jpeg("coffee 1"))])
        let posted = app.send(.post, "/api/v1/images/search", body: form.body, contentType: form.contentType, token: ann)
        #expect(posted.status == .ok && ids(posted, "same_picture") == [coffee])
    }

    @Test func badInputsAreProblemsAndStoreNothing() throws {
        let ann = try app.token("ann@example.com")
        _ = app.upload(FakePictures.jpeg(), token: ann)
        #expect(search(FakePictures.jpeg(), token: nil).status == .unauthorized)
        #expect(search(Array("just text".utf8), token: ann).status == .unsupportedMediaType)
        #expect(search([], token: ann).errorFields == ["image"])
        for query in ["?limit=0", "?limit=51", "?limit=x"] {
            #expect(search(FakePictures.jpeg(), query, token: ann).errorFields == ["limit"], "\(query)")
        }
        #expect(search(FakePictures.jpeg(), "?model=nope", token: ann).errorFields == ["model"])
        let titled = try JSONSerialization.data(withJSONObject: ["image_base64": Data(FakePictures.jpeg()).base64EncodedString(), "title": "x"])
        let refused = app.send(.post, "/api/v1/images/search", body: [UInt8](titled), contentType: "application/json", token: ann)
        #expect(refused.status == .unprocessableContent && refused.errorFields == ["title"])
        let form = ImageTestApp.multipart([("file", FakePictures.jpeg()), ("title", Array("x".utf8))])
        let refusedForm = app.send(.post, "/api/v1/images/search", body: form.body, contentType: form.contentType, token: ann)
        #expect(refusedForm.status == .unprocessableContent && refusedForm.errorFields == ["title"])
        let noFile = ImageTestApp.multipart([])
        #expect(app.send(.post, "/api/v1/images/search", body: noFile.body, contentType: noFile.contentType, token: ann).errorFields == ["file"])
        app.classifier.busy = true
        let busy = search(FakePictures.jpeg(), token: ann)
        #expect(busy.status == .serviceUnavailable && busy.headers["Retry-After"] != nil)
        app.classifier.busy = false
        #expect(stored(ann) == 1)
    }
}
