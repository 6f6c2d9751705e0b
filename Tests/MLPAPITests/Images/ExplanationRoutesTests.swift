import Foundation
import HTTP
import MLPDomain
import Testing

/// `GET /api/v1/images/{id}/explanation`: where the model sees a class in one of the caller's pictures.
@Suite struct ExplanationRoutesTests {
    let app = ImageTestApp()

    @Test func explainsTheTopClassOnAGridByDefaultAndAnotherOnRequest() throws {
        let ann = try app.token("ann@example.com")
        let id = try app.uploadedID(FakePictures.jpeg("coffee"), token: ann)
        let calls = app.classifier.calls
        let response = app.send(.get, "/api/v1/images/\(id)/explanation", token: ann)
        #expect(response.status == .ok)
        #expect(app.classifier.calls == calls + 1, "the model ran on the stored picture")
        let body = response.object
        #expect(Set(body.keys) == ["class_index", "label", "score", "model", "model_version", "rows", "columns", "drops", "region", "links"])
        #expect(body["label"] as? String == "espresso" && body["class_index"] as? Int == 0 && body["score"] as? Double == 0.9)
        #expect(body["model"] as? String == "fake-net" && body["model_version"] as? String == "1")
        // 7 × 7 by default, row by row: the fake's drops rise cell by cell.
        let drops = try #require(body["drops"] as? [[Double]])
        #expect(body["rows"] as? Int == 7 && body["columns"] as? Int == 7 && drops.count == 7 && drops.allSatisfy { $0.count == 7 })
        #expect(drops[0][1] == 0.01 && drops[1][0] == 0.07 && drops[6][6] == 0.48)
        let region = try #require(body["region"] as? [String: Double])
        #expect(region == ["x": 0.125, "y": 0, "width": 0.75, "height": 1])
        #expect(body["links"] as? [String: String] == ["image": "/api/v1/images/\(id)", "content": "/api/v1/images/\(id)/content"])
        let other = app.send(.get, "/api/v1/images/\(id)/explanation?class_index=504&grid=3", token: ann)
        #expect(other.status == .ok)
        #expect(other.object["class_index"] as? Int == 504 && other.object["label"] as? String == "class 504")
        #expect((other.object["drops"] as? [[Double]])?.map(\.count) == [3, 3, 3])
        #expect(app.imageCount == 1 && app.predictionCount == 5, "nothing stored")
    }

    @Test func usesTheModelOfThePicturesLabelsWhileItIsLoaded() throws {
        let ann = try app.token("ann@example.com")
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let id = try app.uploadedID(FakePictures.jpeg("coffee"), token: ann, query: "?model=colour-net")
        let explained = app.send(.get, "/api/v1/images/\(id)/explanation", token: ann)
        #expect(explained.object["model"] as? String == "colour-net" && explained.object["label"] as? String == "red")
        let asked = app.send(.get, "/api/v1/images/\(id)/explanation?model=fake-net", token: ann)
        #expect(asked.object["model"] as? String == "fake-net" && asked.object["label"] as? String == "espresso")
        // colour-net has 3 classes.
        let outside = app.send(.get, "/api/v1/images/\(id)/explanation?class_index=3", token: ann)
        #expect(outside.status == .unprocessableContent && outside.errorFields == ["class_index"])
        // Once the picture's model is no longer loaded, the default model explains it.
        app.classifier.models = [FakeClassifier.model]
        #expect(app.send(.get, "/api/v1/images/\(id)/explanation", token: ann).object["model"] as? String == "fake-net")
    }

    @Test func aSecondLookRunsNoModelUntilThePictureOrTheModelChanges() throws {
        let ann = try app.token("ann@example.com")
        let id = try app.uploadedID(FakePictures.jpeg("coffee"), token: ann)
        func explain(_ query: String = "") -> Int {
            let before = app.classifier.calls
            let response = app.send(.get, "/api/v1/images/\(id)/explanation\(query)", token: ann)
            #expect(response.status == .ok, "\(query)")
            return app.classifier.calls - before
        }
        #expect(explain() == 1)
        #expect(explain() == 0, "the same request again: from the cache")
        #expect(explain("?grid=3") == 1 && explain("?grid=3") == 0)
        #expect(explain("?class_index=2") == 1 && explain("?class_index=2") == 0)
        // A busy model does not matter to what is known already.
        app.classifier.busy = true
        #expect(explain() == 0)
        app.classifier.busy = false
        // A new version of the model, or another picture under the same id, is explained anew.
        var newer = FakeClassifier.model
        newer.version = "2"
        app.classifier.models = [newer]
        #expect(explain() == 1 && explain() == 0)
        let replacement = ["image_base64": Data(FakePictures.jpeg("another coffee")).base64EncodedString()]
        #expect(app.sendJSON(.put, "/api/v1/images/\(id)", replacement, token: ann).status == .ok)
        #expect(explain() == 1 && explain() == 0)
        // Another account asking for the same id learns nothing from the cache.
        let bob = try app.token("bob@example.com")
        #expect(app.send(.get, "/api/v1/images/\(id)/explanation", token: bob).status == .notFound)
    }

    @Test func refusesBadOptionsStrangersAndABusyModel() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try app.uploadedID(FakePictures.jpeg(), token: ann)
        let calls = app.classifier.calls
        for (query, field) in [
            ("grid=1", "grid"), ("grid=11", "grid"), ("grid=x", "grid"), ("grid=", "grid"), ("class_index=-1", "class_index"),
            ("class_index=1000", "class_index"), ("class_index=1.5", "class_index"), ("class_index=99999999999999999999", "class_index"),
            ("model=nope", "model"), ("model=", "model"),
        ] {
            let response = app.send(.get, "/api/v1/images/\(id)/explanation?\(query)", token: ann)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(response.errorFields == [field], "\(query)")
        }
        #expect(app.classifier.calls == calls + 1, "only the index past the model's classes reached the model")
        #expect(app.send(.get, "/api/v1/images/\(id)/explanation", token: bob).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(id)/explanation").status == .unauthorized)
        for bad in ["0", "-1", "abc", "99999999999999999999", "4242"] {
            #expect(app.send(.get, "/api/v1/images/\(bad)/explanation", token: ann).status == .notFound, "\(bad)")
        }
        app.classifier.busy = true
        let busy = app.send(.get, "/api/v1/images/\(id)/explanation", token: ann)
        #expect(busy.status == .serviceUnavailable && busy.headers["Retry-After"] == "1")
    }
}
