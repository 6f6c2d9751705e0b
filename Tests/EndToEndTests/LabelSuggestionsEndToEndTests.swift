import Foundation
import Testing

/// The owner's own labels suggested for a new picture, through nginx with the real model.
@Suite("Through nginx: your labels suggested", .enabled(if: EndToEnd.isConfigured))
struct LabelSuggestionsEndToEndTests {
    private func label(_ id: Int, _ label: String, as user: [String: String]) async throws {
        let json = user.merging(["Content-Type": "application/json"]) { $1 }
        let body = try JSONSerialization.data(withJSONObject: ["label": label])
        #expect(try await EndToEnd.send("PUT", "/api/v1/images/\(id)/label", body: body, headers: json).status == 200)
    }

    @Test func anotherPictureOfTheCatIsSuggestedTheCatsName() async throws {
        let alice = try await EndToEnd.newUser("suggest")
        let coffee = try await EndToEnd.upload("coffee.jpg", as: alice)
        let cat = try await EndToEnd.upload("chelsea.png", as: alice)
        try await label(coffee, "my morning coffee", as: alice)
        try await label(cat, "Chelsea", as: alice)
        // The left part of the same photo, mirrored and smaller: the model calls both an Egyptian Mau first.
        let again = try await EndToEnd.upload("chelsea-mirrored.jpg", as: alice)
        let reply = try await EndToEnd.send("GET", "/api/v1/images/\(again)/label-suggestions", headers: alice)
        #expect(reply.status == 200)
        let suggestions = try #require(try reply.json()["suggestions"] as? [[String: Any]])
        #expect(suggestions.map { $0["label"] as? String } == ["Chelsea"], "never the coffee's label: \(suggestions)")
        let chelsea = try #require(suggestions.first)
        // Overlap of the two top-5 sets about 0.68 (0.46 + 0.09 + 0.12 + 0.01): one picture, counted as 1 in all.
        #expect((chelsea["score"] as? Double ?? 0) > 0.5, "\(chelsea)")
        let pictures = try #require(chelsea["pictures"] as? [[String: Any]])
        #expect(pictures.map { $0["id"] as? Int } == [cat])

        // The coffee, asked again, is suggested its own kind only: nothing of the cat.
        let coffeeReply = try await EndToEnd.send("GET", "/api/v1/images/\(coffee)/label-suggestions", headers: alice)
        #expect((try coffeeReply.json()["suggestions"] as? [[String: Any]])?.isEmpty == true)
        #expect(try coffeeReply.json()["user_label"] as? String == "my morning coffee")
        let bob = try await EndToEnd.newUser("suggest-bob")
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(again)/label-suggestions", headers: bob).status == 404)

        // The other way round: the pictures "Chelsea" is suggested for are the mirrored one only, until it is labelled.
        let candidates = try await EndToEnd.send("GET", "/api/v1/labels/suggestions?label=chelsea", headers: alice)
        #expect(candidates.status == 200)
        #expect(try candidates.json()["label"] as? String == "Chelsea" && candidates.json()["total"] as? Int == 1)
        let items = try #require(try candidates.json()["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? Int } == [again])
        #expect(items.first?["score"] as? Double == chelsea["score"] as? Double, "the score the picture's own suggestion has")
        let json = alice.merging(["Content-Type": "application/json"]) { $1 }
        let body = try JSONSerialization.data(withJSONObject: ["image_ids": items.compactMap { $0["id"] as? Int }, "label": "Chelsea"])
        #expect(try await EndToEnd.send("POST", "/api/v1/labels", body: body, headers: json).status == 200)
        let after = try await EndToEnd.send("GET", "/api/v1/labels/suggestions?label=chelsea", headers: alice)
        #expect(try after.json()["total"] as? Int == 0 && after.json()["labelled"] as? Int == 2)
        let labels = try await EndToEnd.send("GET", "/api/v1/labels", headers: alice)
        let own = try #require(try labels.json()["user_labels"] as? [[String: Any]])
        #expect(own.map { $0["label"] as? String } == ["Chelsea", "my morning coffee"])
    }
}
