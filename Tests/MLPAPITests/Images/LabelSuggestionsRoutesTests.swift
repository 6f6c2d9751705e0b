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
}
