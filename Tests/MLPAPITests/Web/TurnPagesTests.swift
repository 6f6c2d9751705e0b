import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// "↺ Turn left" and "↻ Turn right" on a picture's page (``FakeProcessor`` appends " turned N" to the file).
@Suite struct TurnPagesTests {
    private func stored(_ app: WebTestApp) throws -> (id: Int64, bytes: String, sha256: String) {
        let image = try #require(app.imageStore.read { $0.images.values.first })
        return (image.image.id, String(decoding: image.bytes ?? [], as: UTF8.self), image.image.sha256)
    }

    @Test func bothButtonsTurnThePictureAndThePageShowsTheNewVersion() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(FakePictures.jpeg("coffee"))
        let before = try stored(app)
        let page = app.send(.get, "/images/\(before.id)").text
        #expect(page.contains(#"<button type="submit" name="degrees" value="-90" class="secondary" title="Turn the picture a quarter turn counter-clockwise">↺ Turn left</button>"#))
        #expect(page.contains(#"<button type="submit" name="degrees" value="90" class="secondary" title="Turn the picture a quarter turn clockwise">↻ Turn right</button>"#))
        #expect(page.contains(#"src="/api/v1/images/\#(before.id)/content?v=\#(before.sha256.prefix(12))""#))

        let right = try app.submit("/images/\(before.id)", to: "/images/\(before.id)/rotate", [("degrees", "90"), ("back", "/images/\(before.id)?sort=taken")])
        #expect(right.status == .seeOther && right.headers["Location"] == "/images/\(before.id)?sort=taken")
        let after = try stored(app)
        #expect(after.bytes.hasSuffix("coffee turned 1") && after.sha256 != before.sha256)
        let shown = app.send(.get, "/images/\(before.id)?sort=taken").text
        #expect(shown.contains("The picture was turned to the right."))
        #expect(shown.contains(#"src="/api/v1/images/\#(before.id)/content?v=\#(after.sha256.prefix(12))""#), "a new address: no stale copy")
        #expect(app.send(.get, "/images").text.contains(#"/api/v1/images/\#(before.id)/thumbnail?v=\#(after.sha256.prefix(12))"#))

        let left = try app.submit("/images/\(before.id)", to: "/images/\(before.id)/rotate", [("degrees", "-90"), ("back", "https://elsewhere.example/")])
        #expect(left.headers["Location"] == "/images/\(before.id)", "only a local page to go back to")
        #expect(try stored(app).bytes.hasSuffix("coffee turned 1 turned -1"))
        #expect(app.send(.get, "/images/\(before.id)").text.contains("The picture was turned to the left."))
    }

    @Test func refusalsShowThePageAgainAndChangeNothing() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(FakePictures.jpeg("FULL"))
        let picture = try stored(app)
        let noRoom = try app.submit("/images/\(picture.id)", to: "/images/\(picture.id)/rotate", [("degrees", "90")])
        #expect(noRoom.status == .unprocessableContent)
        #expect(noRoom.text.contains(#"<p class="field-error" role="alert">no room</p>"#))
        let notATurn = try app.submit("/images/\(picture.id)", to: "/images/\(picture.id)/rotate", [("degrees", "45")])
        #expect(notATurn.status == .unprocessableContent && notATurn.text.contains("Must be 90, 180 or 270 (clockwise)"))
        let forged = app.send(.post, "/images/\(picture.id)/rotate", form: [("degrees", "90")], headers: ["Origin": app.origin])
        #expect(forged.status == .forbidden)
        let other = try app.anotherAccount("bob@example.com")
        #expect(try other.submit("/images", to: "/images/\(picture.id)/rotate", [("degrees", "90")]).status == .notFound)
        #expect(try stored(app).bytes == picture.bytes && stored(app).sha256 == picture.sha256)
    }
}
