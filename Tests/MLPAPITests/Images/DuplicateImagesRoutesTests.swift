import Foundation
import HTTP
import MLPDomain
import Testing

/// `GET /api/v1/images/duplicates`: the caller's pictures stored more than once, grouped by their bytes.
@Suite struct DuplicateImagesRoutesTests {
    let app = ImageTestApp()

    private func groups(token: String) throws -> (ids: [[Int]], total: Int?) {
        let response = app.send(.get, "/api/v1/images/duplicates", token: token)
        #expect(response.status == .ok)
        let groups = try #require(response.object["groups"] as? [[String: Any]])
        return (groups.map { ($0["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } }, response.object["total"] as? Int)
    }

    @Test func groupsEqualPicturesOldestFirstAndLeavesOthersAlone() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        #expect(try groups(token: ann).ids.isEmpty)
        func upload(_ marker: String, title: String? = nil, token: String) throws -> Int {
            try #require(app.upload(FakePictures.jpeg(marker), title: title, token: token).object["id"] as? Int)
        }
        let coffee = try upload("coffee", title: "Coffee", token: ann)
        let other = try upload("other", token: ann)
        let coffeeAgain = try upload("coffee", title: "Same bytes, other title", token: ann)
        let cat = try upload("cat", token: ann)
        let catAgain = try upload("cat", token: ann)
        let coffeeThird = try upload("coffee", token: ann)
        _ = try upload("coffee", token: bob)
        let found = try groups(token: ann)
        #expect(found.ids == [[coffee, coffeeAgain, coffeeThird], [cat, catAgain]], "most copies first, each oldest first")
        #expect(found.total == 2)
        #expect(!found.ids.joined().contains(other))
        let first = try #require((app.send(.get, "/api/v1/images/duplicates", token: ann).object["groups"] as? [[String: Any]])?.first)
        #expect((first["sha256"] as? String)?.count == 64)
        #expect(try groups(token: bob).ids.isEmpty, "one picture of Bob's is no duplicate of Ann's")
        // Deleting the copies leaves no group.
        for id in [coffeeAgain, coffeeThird, catAgain] {
            #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        }
        #expect(try groups(token: ann).ids.isEmpty)
        #expect(app.send(.get, "/api/v1/images/duplicates").status == .unauthorized)
        #expect(app.send(.delete, "/api/v1/images/duplicates", token: ann).status == .methodNotAllowed)
    }
}
