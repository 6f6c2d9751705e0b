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

    @Test func theFileAsUploadedIsStillFoundByItsDigestUntilThePictureIsReplaced() throws {
        let ann = try app.token("ann@example.org")
        let original = FakePictures.jpeg("coffee")
        let digest = FakeDigester().sha256Hex(original)
        let id = try app.uploadedID(original, token: ann)
        func listed(_ sha256: String) -> [Int] {
            (app.send(.get, "/api/v1/images?sha256=\(sha256)", token: ann).object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        }
        func samePicture(_ bytes: [UInt8]) -> [Int] {
            let body = Array(try! JSONSerialization.data(withJSONObject: ["image_base64": Data(bytes).base64EncodedString()]))
            let found = app.send(.post, "/api/v1/images/search", body: body, contentType: "application/json", token: ann)
            return (found.object["same_picture"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        }
        _ = rotate(id, ["degrees": 90], token: ann)
        _ = rotate(id, ["degrees": 180], token: ann)
        let turnedDigest = try #require(app.send(.get, "/api/v1/images/\(id)", token: ann).object["sha256"] as? String)
        #expect(turnedDigest != digest)
        #expect(listed(digest) == [id] && listed(turnedDigest) == [id], "the file as uploaded and as stored")
        #expect(samePicture(original) == [id], "Find by picture knows the file as uploaded")
        // A replacement is another file: the one uploaded first is no longer this picture.
        let replaced = app.send(.put, "/api/v1/images/\(id)", body: Array(#"{"image_base64":"\#(Data(FakePictures.jpeg("tea")).base64EncodedString())"}"#.utf8), contentType: "application/json", token: ann)
        #expect(replaced.status == .ok)
        #expect(listed(digest).isEmpty && samePicture(original).isEmpty)
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
