import Foundation
import HTTP
import MLPDomain
import Testing

/// Who may read a picture: the routes that check the token in the same read as the image, and API keys.
@Suite struct ImageAccessRoutesTests {
    let app = ImageTestApp()

    /// `GET /api/v1/images/:id`, `/content` and `/thumbnail` check the token in the same read as the image; they
    /// must refuse what every other authenticated route refuses, and say 401 before they say 404 or 422.
    @Test func readingAnImageChecksTheTokenAsEveryRouteDoes() throws {
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: token).object["id"] as? Int)
        let invalidToken = #"Bearer error="invalid_token""#
        let targets = ["", "/content", "/thumbnail"].flatMap { suffix in
            ["/api/v1/images/\(id)\(suffix)", "/api/v1/images/abc\(suffix)", "/api/v1/images/\(id + 1)\(suffix)"]
        } + ["/api/v1/images/\(id)/content?metadata=some", "/api/v1/images/\(id)/thumbnail?download=maybe"]
        for target in targets {
            let none = app.send(.get, target)
            #expect(none.status == .unauthorized, "\(target)")
            #expect(none.headers["WWW-Authenticate"] == "Bearer")
            let unknown = app.send(.get, target, token: "nosuchsession")
            #expect(unknown.status == .unauthorized, "\(target)")
            #expect(unknown.headers["WWW-Authenticate"] == invalidToken)
            let malformed = app.send(.get, target, headers: ["Authorization": "Basic YW5uOnB3"])
            #expect(malformed.status == .unauthorized && malformed.headers["WWW-Authenticate"] == invalidToken, "\(target)")
        }
        // With the token, each answers as it should: the picture, 404 for a bad or unknown id, 422 for a bad option.
        let answers = targets.map { app.send(.get, $0, token: token).status }
        #expect(answers == [.ok, .notFound, .notFound, .ok, .notFound, .notFound, .ok, .notFound, .notFound, .unprocessableContent, .unprocessableContent])
        #expect(app.send(.get, "/api/v1/images/\(id)/thumbnail", token: token).headers["Content-Type"] == "image/jpeg")
        // The activity stamp is written as by the other routes, at most once a minute.
        func lastSeen() -> Date? { app.users.read { $0.sessions.values.first?.lastSeenAt } }
        let created = try #require(lastSeen())
        app.clock.advance(by: 30)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: token).status == .ok)
        #expect(lastSeen() == created)
        app.clock.advance(by: 31)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: token).status == .ok)
        #expect(lastSeen() == created.addingTimeInterval(61))
        // An idle session has ended: 401, not the picture.
        app.clock.advance(by: AuthConfiguration().idleTimeout)
        let readings = ["/api/v1/images/\(id)", "/api/v1/images/\(id)/content", "/api/v1/images/\(id)/thumbnail"]
        for target in readings {
            let idle = app.send(.get, target, token: token)
            #expect(idle.status == .unauthorized && idle.headers["WWW-Authenticate"] == invalidToken, "\(target)")
            #expect(idle.headers["Content-Type"] == "application/problem+json", "\(target)")
        }
        // A logged-out token, and a deleted account's, are refused too.
        let second = try app.token("ann@example.com")
        #expect(readings.map { app.send(.get, $0, token: second).status } == [.ok, .ok, .ok])
        #expect(app.send(.post, "/api/v1/auth/logout", token: second).status == .noContent)
        #expect(readings.map { app.send(.get, $0, token: second).status } == [.unauthorized, .unauthorized, .unauthorized])
        let third = try app.token("ann@example.com")
        let userID = try #require(app.users.read { $0.users.keys.first })
        try InMemoryUnitOfWork(store: app.users).transaction { try $0.users.markDeleted(id: userID, at: app.clock.now()) }
        #expect(readings.map { app.send(.get, $0, token: third).status } == [.unauthorized, .unauthorized, .unauthorized])
    }

    /// A read-only API key reads everything its account may read and changes nothing; a full key uploads.
    @Test func aReadOnlyKeyReadsAndChangesNothing() throws {
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), title: "kept", token: token).object["id"] as? Int)
        func key(_ json: String) throws -> String {
            let created = app.send(.post, "/api/v1/users/me/keys", body: Array(json.utf8), contentType: "application/json", token: token)
            return try #require(created.object["token"] as? String, "\(created.status) \(created.text)")
        }
        let reader = try key(#"{"name":"gallery viewer","read_only":true}"#)
        for target in ["/api/v1/images", "/api/v1/images/\(id)", "/api/v1/images/\(id)/content", "/api/v1/images/\(id)/thumbnail", "/api/v1/labels"] {
            #expect(app.send(.get, target, token: reader).status == .ok, "\(target)")
        }
        // A search by picture only reads, although it is a POST.
        let search = try JSONSerialization.data(withJSONObject: ["image_base64": Data(FakePictures.jpeg()).base64EncodedString()])
        #expect(app.send(.post, "/api/v1/images/search", body: [UInt8](search), contentType: "application/json", token: reader).status == .ok)
        let title = Array(#"{"title":"changed"}"#.utf8)
        let refused = [
            app.upload(FakePictures.jpeg("other"), token: reader),
            app.send(.patch, "/api/v1/images/\(id)", body: title, contentType: "application/json", token: reader),
            app.send(.delete, "/api/v1/images/\(id)", token: reader),
            app.send(.put, "/api/v1/images/\(id)/share", token: reader),
            app.send(.post, "/api/v1/auth/logout", token: reader),
        ]
        for response in refused {
            #expect(response.status == .forbidden && response.object["type"] as? String == "/problems/forbidden")
        }
        let listed = app.send(.get, "/api/v1/images", token: token).object["items"] as? [[String: Any]]
        #expect(listed?.count == 1 && listed?.first?["title"] as? String == "kept")
        #expect(app.send(.get, "/api/v1/images/\(id)/share", token: token).object["shared"] as? Bool == false)
        // A key that is not read-only uploads like a login.
        #expect(app.upload(FakePictures.jpeg("other"), token: try key(#"{"name":"uploader"}"#)).status == .created)
    }
}
