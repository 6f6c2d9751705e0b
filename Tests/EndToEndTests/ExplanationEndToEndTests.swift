import Foundation
import Testing

/// Where the model sees a class, through nginx with the real model.
@Suite("Through nginx: where the model sees a class", .enabled(if: EndToEnd.isConfigured))
struct ExplanationEndToEndTests {
    @Test func theMapOfTheCoffeeCoversWhatTheModelReadsAndNamesItsLabel() async throws {
        let alice = try await EndToEnd.newUser("explain")
        let json = alice.merging(["Content-Type": "application/json"]) { $1 }
        let body = try JSONSerialization.data(withJSONObject: ["image_base64": try EndToEnd.fixture("coffee.jpg").base64EncodedString()])
        let uploaded = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: json)
        let id = try #require(try uploaded.json()["id"] as? Int)
        let predictions = try #require(try uploaded.json()["predictions"] as? [[String: Any]])
        let reply = try await EndToEnd.send("GET", "/api/v1/images/\(id)/explanation", headers: alice)
        #expect(reply.status == 200)
        let map = try reply.json()
        // The top label of the upload, with about its score (the same model on the same picture).
        #expect(map["label"] as? String == "espresso" && map["label"] as? String == predictions.first?["label"] as? String)
        #expect(map["class_index"] as? Int == predictions.first?["class_index"] as? Int)
        #expect(abs((map["score"] as? Double ?? 0) - (predictions.first?["score"] as? Double ?? 1)) < 0.02)
        #expect(map["model"] as? String == "efficientnet-lite0")
        let drops = try #require(map["drops"] as? [[Double]])
        #expect(map["rows"] as? Int == 7 && map["columns"] as? Int == 7 && drops.count == 7 && drops.allSatisfy { $0.count == 7 })
        #expect(drops.joined().contains { $0 > 0.01 }, "covering some part of the cup lowers the score: \(drops)")
        // 450×300: the shorter side to 256 (384×256), the centre 224×224 read: 80 of 384 columns and 16 of 256
        // rows cut on each side.
        let region = try #require(map["region"] as? [String: Double])
        #expect(region == ["x": 0.2083, "y": 0.0625, "width": 0.5833, "height": 0.875])
        // Another of its labels on a coarser grid.
        let second = try #require(predictions.dropFirst().first)
        let other = try await EndToEnd.send(
            "GET", "/api/v1/images/\(id)/explanation?class_index=\(second["class_index"] as? Int ?? -1)&grid=3", headers: alice
        )
        #expect(other.status == 200)
        #expect(try other.json()["label"] as? String == second["label"] as? String)
        #expect((try other.json()["drops"] as? [[Double]])?.count == 3)
        let refused = try await EndToEnd.send("GET", "/api/v1/images/\(id)/explanation?class_index=1000", headers: alice)
        #expect(refused.status == 422 && refused.header("Content-Type") == "application/problem+json")
        let bob = try await EndToEnd.newUser("explain-bob")
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(id)/explanation", headers: bob).status == 404)
    }
}
