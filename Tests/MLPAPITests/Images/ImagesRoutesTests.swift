import Foundation
import HTTP
import MLPDomain
import Synchronization
import Testing

@Suite struct ImagesRoutesTests {
    let app = ImageTestApp()

    @Test func uploadAnswers201WithPredictionsAndLocation() throws {
        let token = try app.token("ann@example.com")
        let response = app.upload(FakePictures.jpeg(), title: "  Morning  ", token: token, query: "?top_k=3")
        #expect(response.status == .created)
        let body = response.object
        let id = try #require(body["id"] as? Int)
        #expect(response.headers["Location"] == "/api/v1/images/\(id)")
        #expect(body["title"] as? String == "Morning")
        #expect(body["content_type"] as? String == "image/jpeg")
        let predictions = try #require(body["predictions"] as? [[String: Any]])
        #expect(predictions.count == 3)
        #expect(predictions.first?["label"] as? String == "espresso")
        #expect(predictions.first?["model"] as? String == "fake-net")
        #expect(body["image_base64"] == nil)
        #expect(app.predictionCount == 3)
    }

    @Test func getReturnsTheSameBytes() throws {
        let token = try app.token("ann@example.com")
        let picture = FakePictures.png()
        let id = try #require(app.upload(picture, token: token).object["id"] as? Int)
        let body = app.send(.get, "/api/v1/images/\(id)", token: token).object
        #expect(Data(base64Encoded: body["image_base64"] as? String ?? "").map { [UInt8]($0) } == picture)
        #expect((body["predictions"] as? [[String: Any]])?.first?["label"] as? String == "tabby cat")
        let content = app.send(.get, "/api/v1/images/\(id)/content", token: token)
        #expect(content.body == picture)
        #expect(content.headers["Content-Type"] == "image/png")
        #expect(content.headers["X-Content-Type-Options"] == "nosniff")
        #expect(content.headers["Content-Disposition"] == "inline")
        #expect(content.headers["Cache-Control"]?.hasPrefix("private") == true)
        let tag = try #require(content.headers["ETag"])
        let again = app.send(.get, "/api/v1/images/\(id)/content", token: token, headers: ["If-None-Match": tag])
        #expect(again.status == .notModified)
        #expect(again.body.isEmpty)
    }

    @Test func anUnchangedImageIs304AndEveryChangeGivesANewTag() throws {
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), title: "Morning", token: token).object["id"] as? Int)
        let path = "/api/v1/images/\(id)"
        func tag() throws -> String {
            let response = app.send(.get, path, token: token)
            #expect(response.headers["Cache-Control"] == "private, no-cache")
            return try #require(response.headers["ETag"])
        }
        let first = try tag()
        #expect(first.range(of: #"^"[0-9a-f]{16}"$"#, options: .regularExpression) != nil)
        #expect(try tag() == first, "the same answer, the same tag")
        let unchanged = app.send(.get, path, token: token, headers: ["If-None-Match": first])
        #expect(unchanged.status == .notModified && unchanged.body.isEmpty)
        #expect(unchanged.headers["ETag"] == first)
        #expect(app.send(.get, path, token: token, headers: ["If-None-Match": #""0000000000000000", \#(first)"#]).status == .notModified)
        #expect(app.send(.get, path, token: token, headers: ["If-None-Match": #""0000000000000000""#]).status == .ok)
        // Another user's 404 stays a 404 whatever the tag.
        #expect(app.send(.get, path, token: try app.token("bob@example.com"), headers: ["If-None-Match": first]).status == .notFound)

        var seen = [first]
        let json = "application/json"
        let changes: [(HTTPMethod, String, String)] = [
            (.patch, "", #"{"title":"Evening"}"#), (.put, "/label", #"{"label":"flat white"}"#),
            (.post, "/classify?top_k=2", ""),
            (.put, "", #"{"image_base64":"\#(Data(FakePictures.png()).base64EncodedString())"}"#),
        ]
        for (method, suffix, body) in changes {
            let changed = app.send(method, path + suffix, body: Array(body.utf8), contentType: body.isEmpty ? nil : json, token: token)
            #expect((200..<300).contains(changed.status.code), "\(method) \(suffix): \(changed.text)")
            let now = try tag()
            #expect(!seen.contains(now), "\(method) \(suffix) kept an earlier tag")
            #expect(app.send(.get, path, token: token, headers: ["If-None-Match": seen.last ?? ""]).status == .ok)
            seen.append(now)
        }
    }

    @Test func anOperatorCanStorePicturesWithoutTheirMetadata() throws {
        let app = ImageTestApp(storedMetadata: .remove)
        let token = try app.token("ann@example.com")
        let original = FakePictures.jpeg("with a GPS position, taken 2026:03:12 14:03:22")
        let stored = FakeProcessor().withoutMetadata(original)
        let created = app.upload(original, token: token)
        #expect(created.status == .created)
        #expect(created.object["taken_at"] == nil, "the time taken is metadata too")
        #expect(created.object["sha256"] as? String == FakeDigester().sha256Hex(stored))
        #expect(created.object["byte_size"] as? Int == stored.count)
        let id = try #require(created.object["id"] as? Int)
        #expect(app.send(.get, "/api/v1/images/\(id)/content", token: token).body == stored)
        // A replaced picture is stored the same way.
        let png = FakePictures.png("with a camera name")
        let body = Array(#"{"image_base64":"\#(Data(png).base64EncodedString())"}"#.utf8)
        #expect(app.send(.put, "/api/v1/images/\(id)", body: body, contentType: "application/json", token: token).status == .ok)
        #expect(app.send(.get, "/api/v1/images/\(id)/content", token: token).body == FakeProcessor().withoutMetadata(png))
        // By default the file is kept as uploaded.
        let keeping = ImageTestApp()
        let other = try keeping.token("bob@example.com")
        let keptUpload = keeping.upload(original, token: other).object
        #expect(keptUpload["taken_at"] as? String == "2026-03-12T14:03:22")
        let kept = try #require(keptUpload["id"] as? Int)
        #expect(keeping.send(.get, "/api/v1/images/\(kept)/content", token: other).body == original)
        #expect(StoredMetadata(setting: nil) == .keep && StoredMetadata(setting: "") == .keep && StoredMetadata(setting: "remove") == .remove)
        #expect(StoredMetadata(setting: "Remove") == nil && StoredMetadata(setting: "strip") == nil)
    }

    @Test func theOwnerCanHaveThePictureWithoutItsMetadata() throws {
        let token = try app.token("ann@example.com")
        let picture = FakePictures.jpeg("with a GPS position")
        let id = try #require(app.upload(picture, title: "Home", token: token).object["id"] as? Int)
        #expect(app.send(.get, "/api/v1/images/\(id)/content?metadata=keep", token: token).body == picture)
        let stripped = app.send(.get, "/api/v1/images/\(id)/content?metadata=remove&download=true", token: token)
        #expect(stripped.status == .ok)
        #expect(stripped.body == FakeProcessor().withoutMetadata(picture))
        #expect(stripped.headers["ETag"] == "\"\(FakeDigester().sha256Hex(stripped.body))\"", "the tag of the bytes sent")
        #expect(stripped.headers["Content-Disposition"]?.hasPrefix(#"attachment; filename="Home.jpg""#) == true)
        let tag = try #require(stripped.headers["ETag"])
        #expect(app.send(.get, "/api/v1/images/\(id)/content?metadata=remove", token: token, headers: ["If-None-Match": tag]).status == .notModified)
        #expect(app.send(.get, "/api/v1/images/\(id)/content", token: token, headers: ["If-None-Match": tag]).status == .ok)
        for bad in ["", "none", "REMOVE", "true"] {
            let refused = app.send(.get, "/api/v1/images/\(id)/content?metadata=\(bad)", token: token)
            #expect(refused.status == .unprocessableContent, "\(bad)")
            #expect(refused.errorFields == ["metadata"])
        }
        #expect(app.send(.get, "/api/v1/images/\(id)/content?metadata=remove", token: try app.token("bob@example.com")).status == .notFound)
    }

    @Test func downloadNamesTheFileAfterTheTitle() throws {
        let token = try app.token("ann@example.com")
        func disposition(_ title: String?, picture: [UInt8] = FakePictures.jpeg(), route: String = "content", query: String = "download=true") throws -> String? {
            let id = try #require(app.upload(picture, title: title, token: token).object["id"] as? Int)
            return app.send(.get, "/api/v1/images/\(id)/\(route)?\(query)", token: token).headers["Content-Disposition"]
        }
        #expect(try disposition("Morning coffee") == #"attachment; filename="Morning coffee.jpg"; filename*=UTF-8''Morning%20coffee.jpg"#)
        #expect(try disposition("Café / été", picture: FakePictures.png())
            == #"attachment; filename="Caf_ _ _t_.png"; filename*=UTF-8''Caf%C3%A9%20_%20%C3%A9t%C3%A9.png"#)
        #expect(try disposition(#"a"b\c;d%e"#, query: "download=1") == #"attachment; filename="a_b_c;d_e.jpg"; filename*=UTF-8''a_b_c%3Bd%25e.jpg"#)
        #expect(try disposition("Morning coffee", route: "thumbnail")
            == #"attachment; filename="Morning coffee thumbnail.jpg"; filename*=UTF-8''Morning%20coffee%20thumbnail.jpg"#)
        let untitled = try #require(app.upload(FakePictures.jpeg(), token: token).object["id"] as? Int)
        #expect(app.send(.get, "/api/v1/images/\(untitled)/content?download=true", token: token).headers["Content-Disposition"]
            == #"attachment; filename="image-\#(untitled).jpg"; filename*=UTF-8''image-\#(untitled).jpg"#)
        #expect(try disposition("Morning coffee", query: "download=false") == "inline")
        let bad = app.send(.get, "/api/v1/images/\(untitled)/content?download=maybe", token: token)
        #expect(bad.status == .unprocessableContent)
        #expect(bad.errorFields == ["download"])
    }

    @Test func anotherUsersImageIs404OnEveryRoute() throws {
        let owner = try app.token("ann@example.com")
        let other = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: owner).object["id"] as? Int)
        let json = Array(#"{"title":"mine"}"#.utf8)
        let uploadBody = Array(#"{"image_base64":"\#(Data(FakePictures.jpeg()).base64EncodedString())"}"#.utf8)
        let attempts: [(HTTPMethod, String, [UInt8])] = [
            (.get, "", []), (.get, "/content", []), (.get, "/thumbnail", []), (.patch, "", json), (.put, "", uploadBody),
            (.delete, "", []), (.post, "/classify", []),
        ]
        for (method, suffix, body) in attempts {
            let response = app.send(method, "/api/v1/images/\(id)\(suffix)", body: body, contentType: body.isEmpty ? nil : "application/json", token: other)
            #expect(response.status == .notFound, "\(method) \(suffix)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        #expect(app.send(.get, "/api/v1/images/\(id)", token: owner).status == .ok)
    }

    @Test(arguments: ["0", "-1", "abc", "99999999999999999999", "+1", "1.0"])
    func malformedIDsAre404(id: String) throws {
        let token = try app.token("ann@example.com")
        _ = app.upload(FakePictures.jpeg(), token: token)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: token).status == .notFound)
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: token).status == .notFound)
    }

    @Test func badUploadsAreProblemsAndStoreNothing() throws {
        let token = try app.token("ann@example.com")
        let cases: [(String, [UInt8], String?, Int)] = [
            ("invalid base64", Array(#"{"image_base64":"@@@not base64@@@"}"#.utf8), "application/json", 422),
            ("empty body", [], "application/json", 400),
            ("unknown field", Array(#"{"image_base64":"/9j/","id":7}"#.utf8), "application/json", 422),
            ("text as image", Array(#"{"image_base64":"\#(Data("hello".utf8).base64EncodedString())"}"#.utf8), "application/json", 415),
            ("pixel bomb", Array(#"{"image_base64":"\#(Data(FakePictures.jpeg("BOMB")).base64EncodedString())"}"#.utf8), "application/json", 422),
            ("oversize", Array(#"{"image_base64":"\#(Data(FakePictures.jpeg(String(repeating: "x", count: 5000))).base64EncodedString())"}"#.utf8), "application/json", 413),
            ("empty image", Array(#"{"image_base64":""}"#.utf8), "application/json", 422),
            ("plain text body", Array("hello".utf8), "text/plain", 415),
        ]
        for (name, body, type, status) in cases {
            let response = app.send(.post, "/api/v1/images", body: body, contentType: type, token: token)
            #expect(response.status.code == status, "\(name): \(response.text)")
            #expect(response.headers["Content-Type"] == "application/problem+json", "\(name)")
        }
        #expect(app.imageCount == 0)
        #expect(app.predictionCount == 0)
    }

    @Test func listValidatesLimitAndCursor() throws {
        let token = try app.token("ann@example.com")
        for query in ["limit=0", "limit=100000", "limit=ten", "cursor=garbage!", "cursor=djE6YWJj"] {
            let response = app.send(.get, "/api/v1/images?\(query)", token: token)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(!response.errorFields.isEmpty, "\(query)")
        }
        #expect(app.send(.get, "/api/v1/images?limit=0", token: token).errorFields == ["limit"])
    }

    @Test func listIsNewestFirstWithCursorAndLabel() throws {
        let token = try app.token("ann@example.com")
        var ids: [Int] = []
        for index in 0..<5 {
            let picture = index == 2 ? FakePictures.png("cat") : FakePictures.jpeg("coffee \(index)")
            ids.append(try #require(app.upload(picture, token: token).object["id"] as? Int))
        }
        let first = app.send(.get, "/api/v1/images?limit=2", token: token).object
        let items = try #require(first["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? Int } == [ids[4], ids[3]])
        #expect(items.allSatisfy { $0["image_base64"] == nil })
        let cursor = try #require(first["next_cursor"] as? String)
        let second = app.send(.get, "/api/v1/images?limit=2&cursor=\(cursor)", token: token).object
        #expect((second["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[2], ids[1]])
        let cats = app.send(.get, "/api/v1/images?label=TABBY", token: token).object
        #expect((cats["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[2]])
        let wildcard = app.send(.get, "/api/v1/images?label=%25", token: token).object
        #expect((wildcard["items"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func qFindsPicturesByTitleOrLabelAndPagesWithIt() throws {
        let token = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        var ids: [Int] = []
        for (index, title) in ["Holiday espresso", "Morning", "Our cat", "Holiday beach"].enumerated() {
            let picture = index == 2 ? FakePictures.png("cat") : FakePictures.jpeg("coffee \(index)")
            ids.append(try #require(app.upload(picture, title: title, token: token).object["id"] as? Int))
        }
        _ = app.upload(FakePictures.jpeg("coffee bob"), title: "Holiday of bob", token: bob)
        func found(_ query: String) -> [Int]? {
            (app.send(.get, "/api/v1/images?\(query)", token: token).object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        }
        #expect(found("q=holiday") == [ids[3], ids[0]])
        // By label: the coffee pictures are labelled espresso, whatever their title.
        #expect(found("q=ESPRESSO") == [ids[3], ids[1], ids[0]])
        #expect(found("q=tabby") == [ids[2]])
        #expect(found("q=holiday&label=espresso") == [ids[3], ids[0]])
        #expect(found("q=%20%20") == [ids[3], ids[2], ids[1], ids[0]])
        #expect(found("q=nothing-like-this") == [])
        let first = app.send(.get, "/api/v1/images?q=holiday&limit=1", token: token).object
        let next = try #require((first["links"] as? [String: Any])?["next"] as? String)
        #expect(next.hasSuffix("&q=holiday"))
        let second = app.send(.get, next, token: token)
        #expect((second.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[0]])
        // The link is a valid URI: non-ASCII and reserved characters are percent-encoded (UTF-8).
        _ = app.upload(FakePictures.jpeg("coffee 5"), title: "Café & crème", token: token)
        _ = app.upload(FakePictures.jpeg("coffee 6"), title: "Café & crème 2", token: token)
        let accented = app.send(.get, "/api/v1/images?q=caf%C3%A9%20%26&limit=1", token: token).object
        let accentedNext = (accented["links"] as? [String: Any])?["next"] as? String
        #expect(accentedNext?.hasSuffix("&q=caf%C3%A9%20%26") == true)
        let tooLong = app.send(.get, "/api/v1/images?q=\(String(repeating: "x", count: 201))", token: token)
        #expect(tooLong.status == .unprocessableContent)
        #expect(tooLong.errorFields == ["q"])
    }

    @Test func idempotencyKeyReplaysTheFirstImage() throws {
        let token = try app.token("ann@example.com")
        let first = app.upload(FakePictures.jpeg(), token: token, headers: ["Idempotency-Key": "upload-1"])
        let retry = app.upload(FakePictures.jpeg(), token: token, headers: ["Idempotency-Key": "upload-1"])
        #expect(first.status == .created)
        #expect(retry.status == .ok)
        #expect(retry.headers["Idempotent-Replayed"] == "true")
        #expect(retry.object["id"] as? Int == first.object["id"] as? Int)
        let different = app.upload(FakePictures.png(), token: token, headers: ["Idempotency-Key": "upload-1"])
        #expect(different.status == .unprocessableContent)
        #expect(different.errorFields == ["Idempotency-Key"])
        let tooLong = app.upload(FakePictures.jpeg(), token: token, headers: ["Idempotency-Key": String(repeating: "k", count: 65)])
        #expect(tooLong.status == .unprocessableContent)
        #expect(app.imageCount == 1)
        #expect(app.classifier.calls == 1)
    }

    @Test func saturatedModelIs503WithRetryAfterAndStoresNothing() throws {
        let token = try app.token("ann@example.com")
        app.classifier.busy = true
        let response = app.upload(FakePictures.jpeg(), token: token)
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == "1")
        #expect(app.imageCount == 0)
    }

    @Test func patchPutDeleteAndClassify() throws {
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: token).object["id"] as? Int)
        let renamed = app.send(.patch, "/api/v1/images/\(id)", body: Array(#"{"title":"New"}"#.utf8), contentType: "application/json", token: token)
        #expect(renamed.object["title"] as? String == "New")
        let strict = app.send(.patch, "/api/v1/images/\(id)", body: Array(#"{"title":"x","user_id":2}"#.utf8), contentType: "application/json", token: token)
        #expect(strict.status == .unprocessableContent)
        // 100 characters, 200 scalars: fits the column; 101 characters of 2 scalars each do not.
        let fits = app.send(.patch, "/api/v1/images/\(id)", body: Array(#"{"title":"\#(String(repeating: "e\u{301}", count: 100))"}"#.utf8), contentType: "application/json", token: token)
        #expect(fits.status == .ok)
        let long = app.send(.patch, "/api/v1/images/\(id)", body: Array(#"{"title":"\#(String(repeating: "e\u{301}", count: 101))"}"#.utf8), contentType: "application/json", token: token)
        #expect(long.status == .unprocessableContent && long.errorFields == ["title"])
        let label = String(repeating: "e\u{301}", count: 51).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        #expect(app.send(.get, "/api/v1/images?label=\(label)", token: token).errorFields == ["label"])
        let body = Array(#"{"image_base64":"\#(Data(FakePictures.png("cat")).base64EncodedString())"}"#.utf8)
        let replaced = app.send(.put, "/api/v1/images/\(id)", body: body, contentType: "application/json", token: token).object
        #expect((replaced["predictions"] as? [[String: Any]])?.first?["label"] as? String == "tabby cat")
        #expect(replaced["history_count"] as? Int == 5)
        #expect(replaced["content_type"] as? String == "image/png")
        let again = app.send(.post, "/api/v1/images/\(id)/classify?top_k=2", token: token).object
        #expect((again["predictions"] as? [[String: Any]])?.count == 2)
        #expect(app.send(.post, "/api/v1/images/\(id)/classify?model=nope", token: token).errorFields == ["model"])
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: token).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: token).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(id)/content", token: token).status == .notFound)
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: token).status == .notFound)
    }

    @Test func storedUploadsAreReportedOnceWithTheirSize() throws {
        let stored = Mutex<[Int]>([])
        let app = ImageTestApp(uploadStored: { bytes in stored.withLock { $0.append(bytes) } })
        let token = try app.token("ann@example.com")
        let picture = FakePictures.jpeg("reported")
        #expect(app.upload(picture, token: token, headers: ["Idempotency-Key": "once"]).status == .created)
        #expect(app.upload(picture, token: token, headers: ["Idempotency-Key": "once"]).status == .ok, "a replay stores nothing")
        #expect(app.upload([1, 2, 3], token: token).status == .unsupportedMediaType)
        #expect(stored.withLock { $0 } == [picture.count])
    }

    @Test func modelsAreListed() throws {
        let models = try #require(app.send(.get, "/api/v1/models").object["models"] as? [[String: Any]])
        #expect(models.first?["name"] as? String == "fake-net")
        #expect(models.first?["is_default"] as? Bool == true)
    }

    /// `?sha256=`: is this file stored already, without sending it (a sync script's question).
    @Test func theListFindsAFileByItsDigest() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let first = try #require(app.upload(FakePictures.jpeg("coffee 1"), title: "first", token: ann).object["id"] as? Int)
        let copy = try #require(app.upload(FakePictures.jpeg("coffee 1"), title: "copy", token: ann).object["id"] as? Int)
        _ = app.upload(FakePictures.jpeg("coffee 2"), token: ann)
        _ = app.upload(FakePictures.jpeg("coffee 1"), token: bob)
        let digest = try #require(app.send(.get, "/api/v1/images/\(first)", token: ann).object["sha256"] as? String)
        func ids(_ query: String) -> [Int]? {
            let response = app.send(.get, "/api/v1/images?\(query)", token: ann)
            return (response.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        }
        #expect(ids("sha256=\(digest)") == [copy, first], "newest first, Bob's never")
        #expect(ids("sha256=\(digest.uppercased())") == [copy, first])
        #expect(ids("sha256=\(digest)&q=copy") == [copy], "with the other filters")
        #expect(ids("sha256=\(digest)&limit=1")?.count == 1)
        let paged = app.send(.get, "/api/v1/images?sha256=\(digest)&limit=1", token: ann)
        #expect((paged.object["links"] as? [String: Any])?["next"] as? String == "/api/v1/images?limit=1&cursor=\(paged.object["next_cursor"] as? String ?? "")&sha256=\(digest)")
        #expect(ids("sha256=\(String(repeating: "0", count: 64))") == [])
        for bad in ["abc", String(repeating: "g", count: 64), String(repeating: "0", count: 65), ""] {
            let response = app.send(.get, "/api/v1/images?sha256=\(bad)", token: ann)
            #expect(response.status == .unprocessableContent && response.errorFields == ["sha256"], "\(bad)")
        }
        #expect(app.send(.delete, "/api/v1/images/\(copy)", token: ann).status == .noContent)
        #expect(ids("sha256=\(digest)") == [first], "a deleted copy is not stored any more")
    }

    @Test func imagesNeedAuthentication() {
        #expect(app.send(.get, "/api/v1/images").status == .unauthorized)
        #expect(app.send(.post, "/api/v1/images", body: [1], contentType: "application/json").status == .unauthorized)
    }
}
