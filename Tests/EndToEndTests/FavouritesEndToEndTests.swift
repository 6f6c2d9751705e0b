import Foundation
import Testing

/// Favourites through nginx: marked, listed alone, unmarked, and another account's picture refused.
@Suite("Through nginx: favourites", .enabled(if: EndToEnd.isConfigured))
struct FavouritesEndToEndTests {
    private func listed(_ query: String, as user: [String: String]) async throws -> [Int] {
        let reply = try await EndToEnd.send("GET", "/api/v1/images?\(query)", headers: user)
        #expect(reply.status == 200, "\(query)")
        return (try reply.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    @Test func aFavouriteIsListedAloneUntilItIsTakenOut() async throws {
        let alice = try await EndToEnd.newUser("favourites")
        let coffee = try await EndToEnd.upload("coffee.jpg", as: alice)
        let cat = try await EndToEnd.upload("chelsea.png", as: alice)
        let before = try await EndToEnd.send("GET", "/api/v1/images/\(cat)", headers: alice)
        #expect(try before.json()["favourite"] as? Bool == false)

        let marked = try await EndToEnd.send("PUT", "/api/v1/images/\(cat)/favourite", headers: alice)
        #expect(marked.status == 200)
        #expect(try marked.json()["favourite"] as? Bool == true)
        #expect(try await listed("favourite=true", as: alice) == [cat])
        #expect(try await listed("favourite=false", as: alice) == [coffee])
        #expect(try await listed("favourite=true&label=cat", as: alice) == [cat], "with the model's labels")
        let bad = try await EndToEnd.send("GET", "/api/v1/images?favourite=maybe", headers: alice)
        #expect(bad.status == 422)
        #expect(bad.header("Content-Type") == "application/problem+json")

        let bob = try await EndToEnd.newUser("favourites-bob")
        #expect(try await EndToEnd.send("PUT", "/api/v1/images/\(coffee)/favourite", headers: bob).status == 404)
        #expect(try await EndToEnd.send("DELETE", "/api/v1/images/\(cat)/favourite", headers: bob).status == 404)
        #expect(try await listed("favourite=true", as: alice) == [cat], "Bob changed nothing")

        let unmarked = try await EndToEnd.send("DELETE", "/api/v1/images/\(cat)/favourite", headers: alice)
        #expect(unmarked.status == 200)
        #expect(try unmarked.json()["favourite"] as? Bool == false)
        #expect(try await listed("favourite=true", as: alice).isEmpty)
    }
}

/// `max_score` through nginx with the real model: the cat photo, whose top label (Egyptian Mau, 0.46) the model is
/// far less sure of than the coffee's espresso (0.79), is listed alone.
@Suite("Through nginx: the pictures the model is least sure about", .enabled(if: EndToEnd.isConfigured))
struct UnsurePicturesEndToEndTests {
    @Test func onlyThePictureWithTheLessCertainTopLabelIsListed() async throws {
        let alice = try await EndToEnd.newUser("unsure")
        let coffee = try await EndToEnd.upload("coffee.jpg", as: alice)
        let cat = try await EndToEnd.upload("chelsea.png", as: alice)
        let all = try await EndToEnd.send("GET", "/api/v1/images", headers: alice)
        let tops = (try all.json()["items"] as? [[String: Any]] ?? []).reduce(into: [Int: Double]()) { tops, item in
            tops[item["id"] as? Int ?? 0] = (item["top_prediction"] as? [String: Any])?["score"] as? Double
        }
        let coffeeTop = try #require(tops[coffee])
        let catTop = try #require(tops[cat])
        #expect(catTop < 0.6 && coffeeTop > 0.6, "cat \(catTop), coffee \(coffeeTop)")
        let unsure = try await EndToEnd.send("GET", "/api/v1/images?max_score=0.6", headers: alice)
        #expect(unsure.status == 200)
        #expect((try unsure.json()["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [cat])
        let refused = try await EndToEnd.send("GET", "/api/v1/images?max_score=2", headers: alice)
        #expect(refused.status == 422 && refused.header("Content-Type") == "application/problem+json")
    }
}
