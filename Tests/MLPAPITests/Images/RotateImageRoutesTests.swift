import Foundation
import HTTP
import Testing

/// `POST /api/v1/images/{id}/rotate`: the file turned by its declared orientation (``FakeProcessor`` appends
/// " turned N"), stored and classified as a replacement, everything else of the picture kept.
@Suite struct RotateImageRoutesTests {
    let app = ImageTestApp()

    private func rotate(_ id: Int, _ body: Any, token: String) -> Response {
        app.sendJSON(.post, "/api/v1/images/\(id)/rotate", body, token: token)
    }

    private func content(_ id: Int, token: String) -> String {
        String(decoding: app.send(.get, "/api/v1/images/\(id)/content", token: token).body, as: UTF8.self)
    }

    @Test func aTurnRewritesTheFileAndKeepsTheRestOfThePicture() throws {
        let ann = try app.token("ann@example.org")
        let id = try app.uploadedID(FakePictures.jpeg("coffee"), token: ann)
        _ = app.sendJSON(.patch, "/api/v1/images/\(id)", ["title": "Morning"], token: ann)
        _ = app.sendJSON(.put, "/api/v1/images/\(id)/label", ["label": "my espresso"], token: ann)
        _ = app.send(.put, "/api/v1/images/\(id)/favourite", token: ann)
        let before = app.send(.get, "/api/v1/images/\(id)", token: ann).object

        let turned = rotate(id, ["degrees": 90], token: ann)
        #expect(turned.status == .ok)
        #expect(turned.object["sha256"] as? String != before["sha256"] as? String)
        #expect(turned.object["history_count"] as? Int == 5, "the earlier predictions are history")
        #expect((turned.object["predictions"] as? [[String: Any]])?.count == 5)
        for kept in ["title", "user_label", "favourite", "created_at"] {
            #expect("\(turned.object[kept] ?? "")" == "\(before[kept] ?? "")", "\(kept)")
        }
        #expect(content(id, token: ann).hasSuffix("coffee turned 1"))
        #expect(rotate(id, ["degrees": -90], token: ann).status == .ok)
        #expect(content(id, token: ann).hasSuffix("coffee turned 1 turned -1"))
        #expect(rotate(id, ["degrees": 180], token: ann).status == .ok && rotate(id, ["degrees": -270], token: ann).status == .ok)
        #expect(content(id, token: ann).hasSuffix("turned -1 turned 2 turned -3"))
    }

    @Test func theModelOfTheCurrentPredictionsClassifiesItAgainWhileItIsLoaded() throws {
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let ann = try app.token("ann@example.org")
        let id = try app.uploadedID(FakePictures.jpeg(), token: ann, query: "?model=colour-net&top_k=2")
        let turned = rotate(id, ["degrees": 270], token: ann).object["predictions"] as? [[String: Any]]
        #expect(turned?.map { $0["label"] as? String } == ["red", "green"])
        #expect(turned?.first?["model"] as? String == "colour-net")
        // Once that model is gone, the default one, with as many classes.
        app.classifier.models = [FakeClassifier.model]
        let fallback = rotate(id, ["degrees": 90], token: ann).object["predictions"] as? [[String: Any]]
        #expect(fallback?.map { $0["label"] as? String } == ["espresso", "cup"])
    }

    @Test func badTurnsAndOtherPeoplesPicturesChangeNothing() throws {
        let ann = try app.token("ann@example.org"), bob = try app.token("bob@example.org")
        let id = try app.uploadedID(FakePictures.jpeg(), token: ann)
        let calls = app.classifier.calls
        for degrees in [0, 45, 360, -360, 450] {
            let refused = rotate(id, ["degrees": degrees], token: ann)
            #expect(refused.status == .unprocessableContent, "\(degrees)")
            #expect((refused.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "degrees")
        }
        for body in [["degrees": "90"], [String: Int](), ["degrees": 90, "clockwise": 1]] as [Any] {
            #expect(rotate(id, body, token: ann).status == .unprocessableContent, "\(body)")
        }
        #expect(app.send(.post, "/api/v1/images/\(id)/rotate", body: Array("{".utf8), contentType: "application/json", token: ann).status == .badRequest)
        #expect(rotate(id, ["degrees": 90], token: bob).status == .notFound)
        #expect(rotate(999, ["degrees": 90], token: ann).status == .notFound)
        #expect(app.send(.post, "/api/v1/images/abc/rotate", token: ann).status == .notFound)
        #expect(app.sendJSON(.post, "/api/v1/images/\(id)/rotate", ["degrees": 90]).status == .unauthorized)
        // A file whose Exif has no room for the orientation.
        let full = try app.uploadedID(FakePictures.jpeg("FULL"), token: ann)
        let noRoom = rotate(full, ["degrees": 90], token: ann)
        #expect(noRoom.status == .unprocessableContent)
        #expect((noRoom.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "image")
        #expect(app.classifier.calls == calls + 1, "only the upload of the full one ran the model")
        #expect(content(id, token: ann).hasSuffix("coffee") && content(full, token: ann).hasSuffix("FULL"))
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["history_count"] as? Int == 0)
    }
}
