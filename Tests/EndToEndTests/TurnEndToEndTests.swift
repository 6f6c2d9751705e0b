import Foundation
import Testing

/// Turning a picture through nginx with the real imaging code: the file's orientation rewritten, the picture
/// stored and classified again turned, its size and thumbnail turned with it, the rest of the file kept.
@Suite("Through nginx: turning a picture", .enabled(if: EndToEnd.isConfigured))
struct TurnEndToEndTests {
    @Test func aQuarterTurnTurnsTheStoredPictureAndAnotherTurnsItBack() async throws {
        let erin = try await EndToEnd.newUser("turning")
        let json = erin.merging(["Content-Type": "application/json"]) { $1 }
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let id = try await EndToEnd.upload("coffee.jpg", as: erin)
        func rotate(_ degrees: Any) async throws -> EndToEnd.Reply {
            try await EndToEnd.send("POST", "/api/v1/images/\(id)/rotate", body: try JSONSerialization.data(withJSONObject: ["degrees": degrees]), headers: json)
        }
        let turned = try await rotate(90)
        #expect(turned.status == 200)
        let image = try turned.json()
        #expect([image["width"], image["height"]].map { $0 as? Int } == [300, 450])
        #expect(image["history_count"] as? Int == 5 && (image["predictions"] as? [[String: Any]])?.count == 5)
        let content = try await EndToEnd.send("GET", "/api/v1/images/\(id)/content", headers: erin)
        // Only an Exif segment was added: the file is the original with a few bytes more, its scans unchanged.
        #expect(content.body.count > coffee.count && content.body.count < coffee.count + 100)
        #expect(content.body.suffix(coffee.count - 20) == coffee.suffix(coffee.count - 20))
        let thumbnail = try await EndToEnd.send("GET", "/api/v1/images/\(id)/thumbnail", headers: erin)
        let size = try #require(ImagesEndToEndTests.jpegSize(thumbnail.body))
        #expect(size.width == 171 && size.height == 256, "the thumbnail is turned too")

        let back = try await rotate(-90)
        #expect([try back.json()["width"], try back.json()["height"]].map { $0 as? Int } == [450, 300])
        #expect((try back.json()["predictions"] as? [[String: Any]])?.first?["label"] as? String == "espresso")
        #expect(try await rotate(45).status == 422)
        #expect(try await rotate("90").status == 422)
        let other = try await EndToEnd.newUser("turning-other")
        let refused = try await EndToEnd.send(
            "POST", "/api/v1/images/\(id)/rotate", body: Data(#"{"degrees":90}"#.utf8), headers: other.merging(["Content-Type": "application/json"]) { $1 })
        #expect(refused.status == 404)
    }
}
