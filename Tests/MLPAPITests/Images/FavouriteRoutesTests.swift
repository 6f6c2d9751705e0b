import Foundation
import HTTP
import MLPDomain
import Testing

/// `PUT`/`DELETE /api/v1/images/{id}/favourite` and the list's `favourite` filter.
@Suite struct FavouriteRoutesTests {
    let app = ImageTestApp()

    private func listed(_ target: String, token: String) -> [Int] {
        (app.send(.get, target, token: token).object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    @Test func aMarkedPictureSaysSoEverywhereAndTheListKeepsOnlyTheFavourites() throws {
        let ann = try app.token("ann@example.com")
        let ids = try (0..<4).map {
            try #require(app.upload(FakePictures.jpeg("picture \($0)"), title: "picture \($0)", token: ann).object["id"] as? Int)
        }
        let before = app.send(.get, "/api/v1/images/\(ids[1])", token: ann)
        #expect(before.object["favourite"] as? Bool == false, "every picture says whether it is one")
        let tag = try #require(before.headers["ETag"])

        app.clock.advance(by: 60)
        let marked = app.send(.put, "/api/v1/images/\(ids[1])/favourite", token: ann)
        #expect(marked.status == .ok, "\(marked.text)")
        #expect(marked.object["favourite"] as? Bool == true)
        #expect(marked.object["id"] as? Int == ids[1])
        let markedAt = try #require(marked.object["updated_at"] as? String)
        #expect(markedAt != before.object["updated_at"] as? String, "marking changes the picture")
        #expect(app.send(.put, "/api/v1/images/\(ids[3])/favourite", token: ann).status == .ok)

        let read = app.send(.get, "/api/v1/images/\(ids[1])", token: ann, headers: ["If-None-Match": tag])
        #expect(read.status == .ok, "a client that kept the picture before sees it changed")
        #expect(read.object["favourite"] as? Bool == true)
        let items = try #require(app.send(.get, "/api/v1/images", token: ann).object["items"] as? [[String: Any]])
        #expect(items.map { $0["favourite"] as? Bool } == [true, false, true, false], "newest first")

        #expect(listed("/api/v1/images?favourite=true", token: ann) == [ids[3], ids[1]])
        #expect(listed("/api/v1/images?favourite=false", token: ann) == [ids[2], ids[0]])
        #expect(listed("/api/v1/images?favourite=", token: ann) == ids.reversed(), "empty: no filter")
        #expect(listed("/api/v1/images?favourite=true&sort=taken", token: ann) == [ids[3], ids[1]])
        #expect(listed("/api/v1/images?favourite=true&q=picture%201", token: ann) == [ids[1]], "combined with the search")

        // Pages of favourites: the next link keeps the filter.
        let first = app.send(.get, "/api/v1/images?favourite=true&limit=1", token: ann).object
        #expect((first["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[3]])
        let next = try #require((first["links"] as? [String: Any])?["next"] as? String)
        #expect(next.contains("favourite=true"), "\(next)")
        #expect(listed(next, token: ann) == [ids[1]])

        // Marking again changes nothing, not even the time of the last change.
        app.clock.advance(by: 60)
        let again = app.send(.put, "/api/v1/images/\(ids[1])/favourite", token: ann)
        #expect(again.status == .ok && again.object["favourite"] as? Bool == true)
        #expect(again.object["updated_at"] as? String == markedAt)

        let unmarked = app.send(.delete, "/api/v1/images/\(ids[1])/favourite", token: ann)
        #expect(unmarked.status == .ok, "\(unmarked.text)")
        #expect(unmarked.object["favourite"] as? Bool == false)
        #expect(app.send(.delete, "/api/v1/images/\(ids[1])/favourite", token: ann).status == .ok, "unmarking twice is fine")
        #expect(listed("/api/v1/images?favourite=true", token: ann) == [ids[3]])
    }

    @Test func anotherAccountsPictureMalformedIdsAndBadFiltersAreRefused() throws {
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let anns = try app.uploadedID(FakePictures.jpeg(), token: ann)
        for method in [HTTPMethod.put, .delete] {
            let refused = app.send(method, "/api/v1/images/\(anns)/favourite", token: bob)
            #expect(refused.status == .notFound, "\(method) \(refused.status)")
            #expect(refused.object["type"] as? String == "/problems/not-found")
            for id in ["0", "-1", "abc", "99999999999999999999", "999999"] {
                #expect(app.send(method, "/api/v1/images/\(id)/favourite", token: ann).status == .notFound, "\(method) \(id)")
            }
            #expect(app.send(method, "/api/v1/images/\(anns)/favourite").status == .unauthorized)
        }
        #expect(app.send(.get, "/api/v1/images/\(anns)", token: ann).object["favourite"] as? Bool == false, "Bob changed nothing")

        for value in ["yes", "1", "TRUE", "true,false"] {
            let refused = app.send(.get, "/api/v1/images?favourite=\(value)", token: ann)
            #expect(refused.status == .unprocessableContent, "\(value)")
            #expect(refused.errorFields == ["favourite"], "\(value): \(refused.errorFields)")
        }

        // A deleted picture is gone for this route too.
        #expect(app.send(.put, "/api/v1/images/\(anns)/favourite", token: ann).status == .ok)
        #expect(app.send(.delete, "/api/v1/images/\(anns)", token: ann).status == .noContent)
        #expect(app.send(.put, "/api/v1/images/\(anns)/favourite", token: ann).status == .notFound)
        #expect(listed("/api/v1/images?favourite=true", token: ann).isEmpty)
    }

    @Test func aReadOnlyKeyCannotMarkFavourites() throws {
        let ann = try app.token("ann@example.com")
        let id = try app.uploadedID(FakePictures.jpeg(), token: ann)
        let created = app.send(
            .post, "/api/v1/users/me/keys", body: Array(#"{"name":"viewer","read_only":true}"#.utf8), contentType: "application/json", token: ann
        )
        let reader = try #require(created.object["token"] as? String)
        #expect(app.send(.put, "/api/v1/images/\(id)/favourite", token: reader).status == .forbidden)
        #expect(app.send(.get, "/api/v1/images?favourite=false", token: reader).status == .ok, "it may read the filter")
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).object["favourite"] as? Bool == false)
    }
}

/// The list's `max_score`: the pictures whose top label the model is least sure about.
@Suite struct UnsurePicturesRoutesTests {
    let app = ImageTestApp()

    @Test func theFilterKeepsTopLabelsAtMostTheScoreAndRefusesWhatIsNotOne() throws {
        let ann = try app.token("ann@example.com")
        let ids = try (0..<3).map { try app.uploadedID(FakePictures.jpeg("picture \($0)"), token: ann) }
        // The fake model gives every picture's top label 0.9.
        let kept = app.send(.get, "/api/v1/images?max_score=0.9&limit=2", token: ann).object
        #expect((kept["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[2], ids[1]], "at most: 0.9 is kept")
        let next = try #require((kept["links"] as? [String: Any])?["next"] as? String)
        #expect(next.contains("max_score=0.9"), "\(next)")
        #expect((app.send(.get, next, token: ann).object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[0]])
        #expect((app.send(.get, "/api/v1/images?max_score=0.89", token: ann).object["items"] as? [[String: Any]])?.isEmpty == true)
        #expect((app.send(.get, "/api/v1/images?max_score=", token: ann).object["items"] as? [[String: Any]])?.count == 3, "empty: no filter")
        for value in ["0", "-0.5", "1.5", "abc", "nan", "inf", "0x1p-1", "1e400"] {
            let refused = app.send(.get, "/api/v1/images?max_score=\(value)", token: ann)
            #expect(refused.status == .unprocessableContent, "\(value): \(refused.status)")
            #expect(refused.errorFields == ["max_score"], "\(value): \(refused.errorFields)")
        }
    }
}
