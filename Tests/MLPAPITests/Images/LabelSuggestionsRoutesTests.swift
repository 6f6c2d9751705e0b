import Foundation
import HTTP
import MLPDomain
import Testing

/// `GET /api/v1/images/{id}/label-suggestions`: the owner's own labels of pictures the model sees alike.
@Suite struct LabelSuggestionsRoutesTests {
    let app = ImageTestApp()

    private func setLabel(_ id: Int, _ label: String, token: String) {
        let body = Array(#"{"label":"\#(label)"}"#.utf8)
        #expect(app.send(.put, "/api/v1/images/\(id)/label", body: body, contentType: "application/json", token: token).status == .ok)
    }

    private func suggestions(_ id: Int, token: String) throws -> [[String: Any]] {
        let response = app.send(.get, "/api/v1/images/\(id)/label-suggestions", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return try #require(response.object["suggestions"] as? [[String: Any]])
    }

    @Test func suggestsTheLabelsOfTheOwnersPicturesTheModelSeesAlike() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        // Fake model: 0.9 / rank over five labels; two coffees share all five (2.055), a coffee and a cat the
        // last two (0.405).
        let coffee = try app.uploadedID(FakePictures.jpeg("coffee 1"), token: ann)
        let cat = try app.uploadedID(FakePictures.png("cat"), token: ann)
        let newCoffee = try app.uploadedID(FakePictures.jpeg("coffee 2"), token: ann)
        let bobsCoffee = try app.uploadedID(FakePictures.jpeg("coffee of bob"), token: bob)
        #expect(try suggestions(newCoffee, token: ann).isEmpty, "nothing labelled yet")
        setLabel(coffee, "my morning coffee", token: ann)
        setLabel(cat, "Chelsea", token: ann)
        setLabel(bobsCoffee, "Bob's coffee", token: bob)

        let answer = app.send(.get, "/api/v1/images/\(newCoffee)/label-suggestions", token: ann)
        #expect(answer.status == .ok)
        #expect(Set(answer.object.keys) == ["user_label", "suggestions"])
        #expect(answer.object["user_label"] is NSNull)
        let found = try #require(answer.object["suggestions"] as? [[String: Any]])
        // Chelsea's 0.405 of 2.46 is under the minimum score; Bob's label is never one of Ann's.
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(Set(first.keys) == ["label", "score", "pictures"])
        #expect(first["label"] as? String == "my morning coffee")
        #expect(first["score"] as? Double == 0.8354, "2.055 of 2.46, four decimals")
        let pictures = try #require(first["pictures"] as? [[String: Any]])
        #expect(pictures.count == 1 && pictures.first?["id"] as? Int == coffee && pictures.first?["similarity"] as? Double == 2.055)

        // Once labelled, the picture says so, and still gets the others' suggestions.
        setLabel(newCoffee, "flat white", token: ann)
        let labelled = app.send(.get, "/api/v1/images/\(newCoffee)/label-suggestions", token: ann)
        #expect(labelled.object["user_label"] as? String == "flat white")
        #expect(try suggestions(newCoffee, token: ann).map { $0["label"] as? String } == ["my morning coffee"])
        // The first coffee now has the new one's label to go by.
        #expect(try suggestions(coffee, token: ann).map { $0["label"] as? String } == ["flat white"])
        #expect(try suggestions(bobsCoffee, token: bob).isEmpty, "Bob's only labelled picture is this one")
    }

    @Test func strangersUnknownPicturesAndAnonymousCallersGetNothing() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try app.uploadedID(FakePictures.jpeg(), token: ann)
        #expect(app.send(.get, "/api/v1/images/\(id)/label-suggestions", token: bob).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(id)/label-suggestions").status == .unauthorized)
        for bad in ["0", "-1", "abc", "99999999999999999999", "4242"] {
            #expect(app.send(.get, "/api/v1/images/\(bad)/label-suggestions", token: ann).status == .notFound, "\(bad)")
        }
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)/label-suggestions", token: ann).status == .notFound)
    }

    @Test func theAccountsPicturesALabelIsSuggestedForAreListedBestFirst() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let coffee = try app.uploadedID(FakePictures.jpeg("coffee 1"), token: ann)
        let second = try app.uploadedID(FakePictures.jpeg("coffee 2"), token: ann)
        let cat = try app.uploadedID(FakePictures.png("cat"), token: ann)
        let third = try app.uploadedID(FakePictures.jpeg("coffee 3"), token: ann)
        let bobs = try app.uploadedID(FakePictures.jpeg("coffee of bob"), token: bob)
        setLabel(coffee, "my morning coffee", token: ann)

        let answer = app.send(.get, "/api/v1/labels/suggestions?label=%20MY%20MORNING%20COFFEE&limit=5", token: ann)
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(answer.object["label"] as? String == "my morning coffee", "as the owner wrote it")
        #expect(answer.object["labelled"] as? Int == 1 && answer.object["total"] as? Int == 3)
        let items = try #require(answer.object["items"] as? [[String: Any]])
        // The coffees score 1 (2.055 alike, of at least 1), newest first; the cat 0.405, all its labelled
        // neighbour says.
        #expect(items.map { $0["id"] as? Int } == [third, second, cat])
        #expect(items.map { $0["score"] as? Double } == [1, 1, 0.405])
        #expect(Set(items[0].keys) == [
            "id", "title", "content_type", "byte_size", "width", "height", "created_at", "taken_at", "favourite", "top_prediction", "user_label",
            "links", "score", "pictures",
        ])
        #expect(items[0]["score"] as? Double == 1 && items[0]["user_label"] is NSNull)
        #expect((items[0]["pictures"] as? [[String: Any]])?.map { $0["id"] as? Int } == [coffee])
        let first = app.send(.get, "/api/v1/labels/suggestions?label=my+morning+coffee&limit=1", token: ann)
        #expect((first.object["items"] as? [[String: Any]])?.count == 1 && first.object["total"] as? Int == 3)

        // Once labelled, a picture is no longer listed; Bob's account is his own.
        setLabel(third, "flat white", token: ann)
        #expect(app.send(.get, "/api/v1/labels/suggestions?label=my%20morning%20coffee", token: ann).object["total"] as? Int == 2)
        let bobsAnswer = app.send(.get, "/api/v1/labels/suggestions?label=my%20morning%20coffee", token: bob)
        #expect(bobsAnswer.object["labelled"] as? Int == 0 && bobsAnswer.object["total"] as? Int == 0)
        #expect((bobsAnswer.object["items"] as? [Any])?.isEmpty == true)
        setLabel(bobs, "my morning coffee", token: bob)
        // The labels overview lists each account's own labels, leading here.
        let labels = app.send(.get, "/api/v1/labels", token: ann).object["user_labels"] as? [[String: Any]]
        #expect(labels?.map { $0["label"] as? String } == ["flat white", "my morning coffee"])
        #expect(labels?.map { $0["images"] as? Int } == [1, 1])
        #expect((labels?.last?["links"] as? [String: String])?["suggestions"] == "/api/v1/labels/suggestions?label=my%20morning%20coffee")
        #expect(app.send(.get, "/api/v1/labels/suggestions?label=my%20morning%20coffee", token: ann).object["labelled"] as? Int == 1)
    }

    @Test func aLabelNobodyCouldGiveOrABadLimitIsRefused() throws {
        let ann = try app.token("ann@example.com")
        for (query, field) in [
            ("", "label"), ("?label=%20%20", "label"), ("?label=\(String(repeating: "x", count: 256))", "label"), ("?label=a%01b", "label"),
            ("?label=x&limit=0", "limit"), ("?label=x&limit=101", "limit"), ("?label=x&limit=ten", "limit"),
        ] {
            let response = app.send(.get, "/api/v1/labels/suggestions\(query)", token: ann)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(response.errorFields == [field], "\(query)")
        }
        #expect(app.send(.get, "/api/v1/labels/suggestions?label=x").status == .unauthorized)
        #expect(app.send(.get, "/api/v1/labels/suggestions?label=x&limit=100", token: ann).status == .ok)
    }
}
