import Foundation
import HTTP
import MLPDomain
import Testing

/// `GET /api/v1/labels` and the exact label filter of the list it links to.
@Suite struct LabelsRoutesTests {
    let app = ImageTestApp()

    private func labels(_ query: String = "", token: String) throws -> (items: [[String: Any]], total: Int?) {
        let response = app.send(.get, "/api/v1/labels\(query)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return (try #require(response.object["items"] as? [[String: Any]]), response.object["total"] as? Int)
    }

    private func listed(_ query: String, token: String) -> [Int]? {
        (app.send(.get, "/api/v1/images?\(query)", token: token).object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
    }

    @Test func countsTheLabelsOfTheCallersCurrentPictures() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        #expect(try labels(token: ann).items.isEmpty)
        #expect(try labels(token: ann).total == 0)
        // Fake model: "cat" pictures are tabby cat, tiger cat, Egyptian Mau, class 3, class 4 (scores 0.9/rank);
        // the others espresso, cup, eggnog, class 3, class 4.
        var coffees: [Int] = []
        for index in 0..<3 {
            coffees.append(try #require(app.upload(FakePictures.jpeg("coffee \(index)"), token: ann).object["id"] as? Int))
        }
        let cat = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        _ = app.upload(FakePictures.png("cat of bob"), token: bob)
        _ = app.upload(FakePictures.png("another cat of bob"), token: bob)
        // Deleted pictures no longer count.
        let deleted = try #require(app.upload(FakePictures.png("deleted cat"), token: ann).object["id"] as? Int)
        #expect(app.send(.delete, "/api/v1/images/\(deleted)", token: ann).status == .noContent)

        let (items, total) = try labels(token: ann)
        #expect(total == 8)
        #expect(items.compactMap { $0["label"] as? String } == [
            "espresso", "tabby cat", "class 3", "class 4", "cup", "eggnog", "Egyptian Mau", "tiger cat",
        ])
        let espresso = try #require(items.first)
        #expect(espresso["images"] as? Int == 3)
        #expect(espresso["top_images"] as? Int == 3)
        #expect(espresso["best_score"] as? Double == 0.9)
        let links = try #require(espresso["links"] as? [String: Any])
        #expect(links["images"] as? String == "/api/v1/images?label=espresso&label_match=exact")
        let shared = try #require(items.first { $0["label"] as? String == "class 3" })
        #expect(shared["images"] as? Int == 4)
        #expect(shared["top_images"] as? Int == 0)
        #expect(try labels(token: bob).items.first?["images"] as? Int == 2, "Bob counts only his own")

        // Each link lists exactly the pictures counted.
        for item in items {
            let link = try #require((item["links"] as? [String: Any])?["images"] as? String)
            let response = app.send(.get, link, token: ann)
            #expect((response.object["items"] as? [[String: Any]])?.count == item["images"] as? Int, "\(link)")
        }
        #expect(listed("label=Tabby%20Cat&label_match=exact", token: ann) == [cat], "exact ignores case")
        #expect(listed("label=cat&label_match=exact", token: ann) == [], "but not part of a label")
        #expect(listed("label=cat", token: ann) == [cat], "contains is the default")
        #expect(listed("label=class%203&label_match=contains", token: ann) == [cat] + coffees.reversed())

        // `limit` cuts the list, not the total.
        #expect(try labels("?limit=1", token: ann).items.count == 1)
        #expect(try labels("?limit=1", token: ann).total == 8)
    }

    @Test func refusesBadParametersAndStrangers() throws {
        let token = try app.token("ann@example.com")
        for query in ["limit=0", "limit=1001", "limit=many", "limit="] {
            let response = app.send(.get, "/api/v1/labels?\(query)", token: token)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(response.errorFields == ["limit"], "\(query)")
        }
        #expect(try labels("?limit=1000", token: token).items.isEmpty)
        for query in ["label=cat&label_match=EXACT", "label_match=prefix", "label_match="] {
            let response = app.send(.get, "/api/v1/images?\(query)", token: token)
            #expect(response.status == .unprocessableContent, "\(query)")
            #expect(response.errorFields == ["label_match"], "\(query)")
        }
        #expect(app.send(.get, "/api/v1/labels").status == .unauthorized)
        #expect(app.send(.get, "/api/v1/labels", token: "not-a-token").status == .unauthorized)
        let delete = app.send(.delete, "/api/v1/labels", token: token)
        #expect(delete.status == .methodNotAllowed)
        #expect(delete.headers["Allow"] == "GET, HEAD, POST")
    }

    @Test func theNextLinkKeepsTheExactMatch() throws {
        let token = try app.token("ann@example.com")
        for index in 0..<3 { _ = app.upload(FakePictures.jpeg("coffee \(index)"), token: token) }
        let first = app.send(.get, "/api/v1/images?limit=2&label=ESPRESSO&label_match=exact", token: token).object
        let next = try #require((first["links"] as? [String: Any])?["next"] as? String)
        #expect(next.contains("&label=ESPRESSO&label_match=exact"))
        #expect((app.send(.get, next, token: token).object["items"] as? [[String: Any]])?.count == 1)
        let plain = app.send(.get, "/api/v1/images?limit=2&label=espresso", token: token).object
        #expect(((plain["links"] as? [String: Any])?["next"] as? String)?.contains("label_match") == false)
    }
}
