import Foundation
import HTTP
import MLPDomain
import Testing

/// `GET /api/v1/images/{id}/similar`: the caller's other pictures ordered by how much their labels overlap.
@Suite struct SimilarImagesRoutesTests {
    let app = ImageTestApp()

    private func similar(_ id: Int, _ query: String = "", token: String) -> [(id: Int, similarity: Double)]? {
        let response = app.send(.get, "/api/v1/images/\(id)/similar\(query)", token: token)
        guard response.status == .ok, let items = response.object["items"] as? [[String: Any]] else { return nil }
        return items.compactMap { item in
            guard let id = item["id"] as? Int, let similarity = item["similarity"] as? Double else { return nil }
            return (id, similarity)
        }
    }

    @Test func ordersTheOwnersOtherPicturesByTheOverlapOfTheirLabels() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        // Fake model: top-3 picks the cat or coffee labels, ranks 4 and 5 are "class 3" and "class 4" for both;
        // scores 0.9 / rank. A coffee and a cat share only the last two: 0.225 + 0.18.
        let coffee = try #require(app.upload(FakePictures.jpeg("coffee 1"), token: ann).object["id"] as? Int)
        let coffee2 = try #require(app.upload(FakePictures.jpeg("coffee 2"), token: ann).object["id"] as? Int)
        let cat = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        let small = try #require(app.upload(FakePictures.jpeg("coffee 3"), token: ann, query: "?top_k=1").object["id"] as? Int)
        _ = app.upload(FakePictures.jpeg("coffee of bob"), token: bob)
        let found = try #require(similar(coffee, token: ann))
        #expect(found.map(\.id) == [coffee2, small, cat], "another account's coffee never")
        let full = 0.9 + 0.45 + 0.3 + 0.225 + 0.18
        #expect(abs(found[0].similarity - full) < 0.0001)
        #expect(abs(found[1].similarity - 0.9) < 0.0001, "only espresso is shared")
        #expect(abs(found[2].similarity - 0.405) < 0.0001)
        // The items are list items with `similarity`.
        let first = try #require((app.send(.get, "/api/v1/images/\(coffee)/similar", token: ann).object["items"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "title", "content_type", "byte_size", "width", "height", "created_at", "taken_at", "favourite", "top_prediction", "user_label", "links", "similarity"])
        #expect(similar(coffee, "?limit=1", token: ann)?.map(\.id) == [coffee2])
        // A deleted picture is no longer found; the small coffee has only espresso to share.
        #expect(app.send(.delete, "/api/v1/images/\(coffee2)", token: ann).status == .noContent)
        #expect(similar(small, token: ann)?.map(\.id) == [coffee])
        #expect(similar(cat, token: ann)?.map(\.id) == [coffee])
    }

    @Test func refusesBadLimitsStrangersAndUnknownPictures() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        #expect(similar(id, token: ann)?.isEmpty == true, "alone: nothing alike")
        for query in ["?limit=0", "?limit=51", "?limit=x"] {
            let response = app.send(.get, "/api/v1/images/\(id)/similar\(query)", token: ann)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(response.errorFields == ["limit"], "\(query)")
        }
        #expect(app.send(.get, "/api/v1/images/\(id)/similar", token: bob).status == .notFound)
        #expect(app.send(.get, "/api/v1/images/\(id)/similar").status == .unauthorized)
        for bad in ["0", "-1", "abc", "99999999999999999999", "4242"] {
            #expect(app.send(.get, "/api/v1/images/\(bad)/similar", token: ann).status == .notFound, "\(bad)")
        }
    }
}
