import Foundation
import HTTP
import MLPDomain
import Testing

/// `PUT`/`DELETE /api/v1/images/{id}/label` (the owner's own label) and the agreement of `GET /api/v1/labels`.
@Suite struct ImageLabelRoutesTests {
    let app = ImageTestApp()

    private func setLabel(_ id: Int, _ json: String, token: String) -> Response {
        app.send(.put, "/api/v1/images/\(id)/label", body: Array(json.utf8), contentType: "application/json", token: token)
    }

    private func agreement(token: String) throws -> [[String: Any]] {
        try #require(app.send(.get, "/api/v1/labels", token: token).object["agreement"] as? [[String: Any]])
    }

    private func labelMany(_ json: String, token: String?) -> Response {
        app.send(.post, "/api/v1/labels", body: Array(json.utf8), contentType: "application/json", token: token)
    }

    private func userLabels(_ token: String) -> [Int: String] {
        let items = app.send(.get, "/api/v1/images", token: token).object["items"] as? [[String: Any]] ?? []
        return items.reduce(into: [:]) { labels, item in labels[item["id"] as? Int ?? 0] = item["user_label"] as? String ?? "-" }
    }

    @Test func severalPicturesGetOneLabelAndOthersAreListedAsNotFound() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let ids = try (0..<3).map { _ in try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int) }
        let bobs = try #require(app.upload(FakePictures.jpeg(), token: bob).object["id"] as? Int)
        let answer = labelMany(#"{"image_ids":[\#(ids[0]),\#(ids[2]),\#(ids[0]),\#(bobs),999999],"label":"  desk "}"#, token: ann)
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(answer.object["label"] as? String == "desk")
        #expect(answer.object["labelled"] as? [Int] == [ids[0], ids[2]])
        #expect(answer.object["not_found"] as? [Int] == [bobs, 999_999])
        #expect(userLabels(ann) == [ids[0]: "desk", ids[1]: "-", ids[2]: "desk"])
        #expect(userLabels(bob) == [bobs: "-"], "another user's picture is untouched")

        // Refused: nothing changes.
        let refusals: [(String, String)] = [
            (#"{"image_ids":[\#(ids[1])],"label":"   "}"#, "label"), (#"{"image_ids":[],"label":"x"}"#, "image_ids"),
            (#"{"image_ids":[\#(ids[1])]}"#, "label"), (#"{"label":"x"}"#, "image_ids"),
            (#"{"image_ids":["\#(ids[1])"],"label":"x"}"#, "image_ids"), (#"{"image_ids":[\#(ids[1])],"label":"x","extra":1}"#, "extra"),
            (#"{"image_ids":[\#((1...101).map(String.init).joined(separator: ","))],"label":"x"}"#, "image_ids"),
            (#"{"image_ids":[\#(Array(repeating: "-1", count: 101).joined(separator: ","))],"label":"x"}"#, "image_ids"),
        ]
        for (body, field) in refusals {
            let refused = labelMany(body, token: ann)
            #expect(refused.status == .unprocessableContent, "\(body): \(refused.status)")
            #expect(refused.errorFields.contains { $0 == field || $0.hasPrefix(field + ".") }, "\(body): \(refused.errorFields)")
        }
        #expect(labelMany("{", token: ann).status == .badRequest)
        #expect(labelMany(#"{"image_ids":[1],"label":"x"}"#, token: nil).status == .unauthorized)
        #expect(userLabels(ann) == [ids[0]: "desk", ids[1]: "-", ids[2]: "desk"])
    }

    @Test func theOwnersLabelIsKeptBesideThePredictionsAndShownEverywhere() throws {
        let ann = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["user_label"] == nil, "absent until given")

        let labelled = setLabel(id, #"{"label":"  Espresso doppio  "}"#, token: ann)
        #expect(labelled.status == .ok, "\(labelled.text)")
        #expect(labelled.object["user_label"] as? String == "Espresso doppio", "trimmed")
        let predictions = try #require(labelled.object["predictions"] as? [[String: Any]])
        #expect(predictions.first?["label"] as? String == "espresso", "the model's labels are unchanged")
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["user_label"] as? String == "Espresso doppio")
        let item = try #require((app.send(.get, "/api/v1/images", token: ann).object["items"] as? [[String: Any]])?.first)
        #expect(item["user_label"] as? String == "Espresso doppio")
        // The search finds pictures by their owner's label too.
        let found = app.send(.get, "/api/v1/images?q=DOPPIO", token: ann).object["items"] as? [[String: Any]]
        #expect(found?.compactMap { $0["id"] as? Int } == [id])

        #expect(app.send(.delete, "/api/v1/images/\(id)/label", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["user_label"] == nil)
        let unlabelled = try #require((app.send(.get, "/api/v1/images", token: ann).object["items"] as? [[String: Any]])?.first)
        #expect(unlabelled["user_label"] is NSNull, "list items say null")
        #expect(app.send(.delete, "/api/v1/images/\(id)/label", token: ann).status == .noContent, "removing twice is fine")
    }

    @Test func badLabelsAreRefusedAndChangeNothing() throws {
        let ann = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        #expect(setLabel(id, #"{"label":"cup"}"#, token: ann).status == .ok)
        let cases: [(String, String, Int, [String])] = [
            ("blank", #"{"label":"   "}"#, 422, ["label"]),
            ("empty", #"{"label":""}"#, 422, ["label"]),
            ("too long", #"{"label":"\#(String(repeating: "x", count: 256))"}"#, 422, ["label"]),
            ("control character", #"{"label":"cup\u0007"}"#, 422, ["label"]),
            ("missing", "{}", 422, ["label"]),
            ("null", #"{"label":null}"#, 422, ["label"]),
            ("a number", #"{"label":7}"#, 422, ["label"]),
            ("unknown field", #"{"label":"cup","score":1}"#, 422, ["score"]),
            ("not JSON", "label=cup", 400, []),
        ]
        for (name, json, status, fields) in cases {
            let response = setLabel(id, json, token: ann)
            #expect(response.status.code == status, "\(name): \(response.text)")
            #expect(response.headers["Content-Type"] == "application/problem+json", "\(name)")
            if !fields.isEmpty { #expect(response.errorFields == fields, "\(name)") }
        }
        // 255 characters (combining accents count as characters of their own) fit.
        let longest = String(repeating: "e\u{301}", count: 127) + "x"
        #expect(setLabel(id, #"{"label":"\#(longest)"}"#, token: ann).status == .ok)
        #expect(setLabel(id, #"{"label":"\#(longest)x"}"#, token: ann).status == .unprocessableContent)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["user_label"] as? String == longest)
    }

    @Test func anotherUsersDeletedOrMissingPictureIs404() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        #expect(setLabel(id, #"{"label":"mine"}"#, token: bob).status == .notFound)
        #expect(app.send(.delete, "/api/v1/images/\(id)/label", token: bob).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["user_label"] == nil)
        for malformed in ["0", "-1", "abc", "99999999999999999999"] {
            let response = app.send(
                .put, "/api/v1/images/\(malformed)/label", body: Array(#"{"label":"x"}"#.utf8), contentType: "application/json", token: ann
            )
            #expect(response.status == .notFound, "\(malformed)")
        }
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        #expect(setLabel(id, #"{"label":"gone"}"#, token: ann).status == .notFound)
        #expect(app.send(.put, "/api/v1/images/\(id)/label", body: Array(#"{"label":"x"}"#.utf8), contentType: "application/json").status == .unauthorized)
    }

    @Test func agreementCountsTopAndAnyRankMatchesPerModelIgnoringCase() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        #expect(try agreement(token: ann).isEmpty)
        // Fake model: JPEGs are espresso, cup, eggnog, class 3, class 4; "cat" PNGs tabby cat, tiger cat, Egyptian Mau, ...
        let coffee = try #require(app.upload(FakePictures.jpeg("coffee"), token: ann).object["id"] as? Int)
        let cat = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        let tea = try #require(app.upload(FakePictures.jpeg("tea"), token: ann).object["id"] as? Int)
        _ = try #require(app.upload(FakePictures.jpeg("unlabelled"), token: ann).object["id"] as? Int)
        let deleted = try #require(app.upload(FakePictures.jpeg("deleted"), token: ann).object["id"] as? Int)
        let bobs = try #require(app.upload(FakePictures.jpeg("bob's"), token: bob).object["id"] as? Int)
        #expect(setLabel(coffee, #"{"label":"ESPRESSO"}"#, token: ann).status == .ok)
        #expect(setLabel(cat, #"{"label":"egyptian mau"}"#, token: ann).status == .ok)
        #expect(setLabel(tea, #"{"label":"green tea"}"#, token: ann).status == .ok)
        #expect(setLabel(deleted, #"{"label":"espresso"}"#, token: ann).status == .ok)
        #expect(app.send(.delete, "/api/v1/images/\(deleted)", token: ann).status == .noContent)
        #expect(setLabel(bobs, #"{"label":"espresso"}"#, token: bob).status == .ok)

        let rows = try agreement(token: ann)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["model"] as? String == "fake-net")
        #expect(row["model_version"] as? String == "1")
        #expect(row["labelled"] as? Int == 3)
        #expect(row["top_matches"] as? Int == 1, "the coffee")
        #expect(row["any_matches"] as? Int == 2, "the coffee and the cat")
        #expect(try agreement(token: bob).first?["labelled"] as? Int == 1, "Bob's own only")
    }

    @Test func theListKeepsThePicturesWhereTheOwnerAndTheModelAgreeOrNot() throws {
        let ann = try app.token("ann@example.com")
        func ids(_ query: String) -> [Int]? {
            (app.send(.get, "/api/v1/images?\(query)", token: ann).object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        }
        // Fake model: JPEGs are espresso first, "cat" PNGs tabby cat first.
        let coffee = try #require(app.upload(FakePictures.jpeg("coffee"), token: ann).object["id"] as? Int)
        let cat = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        let tea = try #require(app.upload(FakePictures.jpeg("tea"), token: ann).object["id"] as? Int)
        let unlabelled = try #require(app.upload(FakePictures.jpeg("plain"), token: ann).object["id"] as? Int)
        #expect(setLabel(coffee, #"{"label":"Espresso"}"#, token: ann).status == .ok)
        #expect(setLabel(cat, #"{"label":"Egyptian Mau"}"#, token: ann).status == .ok)
        #expect(setLabel(tea, #"{"label":"green tea"}"#, token: ann).status == .ok)
        #expect(ids("agreement=agree") == [coffee])
        #expect(ids("agreement=disagree") == [tea, cat])
        #expect(ids("agreement=unlabelled") == [unlabelled])
        #expect(ids("agreement=") == [unlabelled, tea, cat, coffee], "empty is no filter")
        #expect(ids("agreement=disagree&q=tea") == [tea], "combines with the search")
        let bad = app.send(.get, "/api/v1/images?agreement=maybe", token: ann)
        #expect(bad.status == .unprocessableContent)
        #expect(bad.errorFields == ["agreement"])
        // The next page keeps the filter.
        let first = app.send(.get, "/api/v1/images?agreement=disagree&limit=1", token: ann)
        let next = try #require((first.object["links"] as? [String: Any])?["next"] as? String)
        #expect(next.hasSuffix("&agreement=disagree"))
        #expect((app.send(.get, next, token: ann).object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [cat])
    }
}
