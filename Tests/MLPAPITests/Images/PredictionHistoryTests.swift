import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// `GET /api/v1/images/{id}/predictions` and the detail page's earlier classifications.
@Suite struct PredictionHistoryTests {
    @Test func theCurrentSetFirstThenEarlierClassifications() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: token).object["id"] as? Int)
        #expect(app.send(.post, "/api/v1/images/\(id)/classify?top_k=2", token: token).status == .ok)

        let response = app.send(.get, "/api/v1/images/\(id)/predictions", token: token)
        #expect(response.status == .ok)
        let items = try #require(response.object["items"] as? [[String: Any]])
        #expect(items.map { $0["current"] as? Bool } == [true, true, false, false, false, false, false])
        #expect(items.map { $0["rank"] as? Int } == [1, 2, 1, 2, 3, 4, 5])
        #expect(items.map { $0["label"] as? String }.prefix(3) == ["espresso", "cup", "espresso"])
        let first = try #require(items.first)
        #expect(first["model"] as? String == "fake-net" && first["model_version"] as? String == "1")
        #expect(first["class_index"] as? Int == 0 && first["score"] as? Double == 0.9)
        #expect(first["created_at"] as? String == "2027-01-15T08:00:00.000Z")
    }

    @Test func anotherAccountsImageAndBadIdsAre404AndALoginIsNeeded() throws {
        let app = ImageTestApp()
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        for path in ["/api/v1/images/\(id)/predictions", "/api/v1/images/0/predictions", "/api/v1/images/abc/predictions",
                     "/api/v1/images/99999999999999999999/predictions"] {
            let response = app.send(.get, path, token: path.contains("\(id)") ? bob : ann)
            #expect(response.status == .notFound, "\(path)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        #expect(app.send(.get, "/api/v1/images/\(id)/predictions").status == .unauthorized)
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)/predictions", token: ann).status == .notFound, "a deleted image has none")
    }

    @Test func theDetailPageListsEarlierClassificationsOnlyWhenThereAreSome() throws {
        let app = try WebTestApp().loggedIn()
        let path = try #require(try app.upload(FakePictures.jpeg()).headers["Location"])
        #expect(!app.send(.get, path).text.contains("Earlier classifications"))
        let id = try #require(Int(path.split(separator: "/").last ?? ""))
        let images = try ImageServicesProbe.reclassify(app, imageID: Int64(id))
        #expect(images == 5, "the upload's five labels became history")
        let page = app.send(.get, path).text
        #expect(page.contains("<h2>Earlier classifications</h2>"))
        #expect(page.contains(#"<time datetime="2027-01-15T08:00:00.000Z">2027-01-15 08:00 UTC</time> · fake-net 1: espresso 90.0 %, cup 45.0 %, eggnog 30.0 %, class 3 22.5 %, class 4 18.0 %"#))
    }
}

/// Re-classifies through the use case the pages and the API share (the pages have no button for it).
enum ImageServicesProbe {
    static func reclassify(_ app: WebTestApp, imageID: Int64) throws -> Int {
        let useCase = ReclassifyImageUseCase(unitOfWork: InMemoryImageUnitOfWork(store: app.imageStore), classifier: app.classifier, clock: app.clock)
        return try useCase.execute(userID: nil, imageID: imageID, classification: ClassificationRequest(topK: 3)).details.historyCount
    }
}
