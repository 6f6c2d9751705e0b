import Foundation
import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The order by the time taken (`sort=taken`): the API's list and its cursors, the gallery, and the pictures
/// beside one on its page. The fake processor reads "taken …" in a picture's bytes as its Exif time.
@Suite struct ImageOrderTests {
    @Test func theAPIListsByTheTimeTakenAndItsCursorsKeepTheOrder() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        func upload(_ marker: String) throws -> Int { try app.uploadedID(FakePictures.jpeg(marker), token: token) }
        let summer = try upload("coffee taken 2025:07:01 08:30:00")
        let undated = try upload("coffee with no time")
        let winter = try upload("coffee taken 2025:12:24 18:00:00 +01:00")
        let spring = try upload("coffee taken 2025:04:01 09:00:00")
        #expect(app.send(.get, "/api/v1/images", token: token).itemIDs == [spring, winter, undated, summer])
        #expect(app.send(.get, "/api/v1/images?sort=uploaded", token: token).itemIDs == [spring, winter, undated, summer])
        // Undated pictures count at their upload: today, after every taken one.
        let all = app.send(.get, "/api/v1/images?sort=taken", token: token)
        #expect(all.itemIDs == [undated, winter, summer, spring])
        #expect((all.object["items"] as? [[String: Any]])?.map { $0["taken_at"] as? String } == [nil, "2025-12-24T18:00:00+01:00", "2025-07-01T08:30:00", "2025-04-01T09:00:00"])
        // Page by page through `links.next`, which keeps `sort`.
        var seen: [Int] = []
        var next: String? = "/api/v1/images?sort=taken&limit=1"
        while let path = next, seen.count < 10 {
            let page = app.send(.get, path, token: token)
            #expect(page.status == .ok, "\(path)")
            seen += page.itemIDs
            next = (page.object["links"] as? [String: Any])?["next"] as? String
            if let next { #expect(next.contains("&sort=taken"), "\(next)") }
        }
        #expect(seen == [undated, winter, summer, spring])
        // A cursor belongs to its order: sent with the other one it is refused, never misread.
        let byTaken = try #require(app.send(.get, "/api/v1/images?sort=taken&limit=1", token: token).object["next_cursor"] as? String)
        let byUpload = try #require(app.send(.get, "/api/v1/images?limit=1", token: token).object["next_cursor"] as? String)
        for query in ["cursor=\(byTaken)", "sort=taken&cursor=\(byUpload)", "sort=newest", "sort=TAKEN"] {
            let refused = app.send(.get, "/api/v1/images?\(query)", token: token)
            #expect(refused.status == .unprocessableContent, "\(query)")
            #expect(refused.errorFields == [query.hasPrefix("sort=") && !query.contains("cursor") ? "sort" : "cursor"], "\(query)")
        }
        #expect(app.send(.get, "/api/v1/images?cursor=\(byTaken)", token: token).object["detail"] as? String != nil)
    }

    @Test func takenCursorsAreRoundTripsOfTheirPositionAndNothingElseDecodes() throws {
        let moments = [Date(timeIntervalSince1970: 1_751_358_600), Date(timeIntervalSince1970: 1_764_000_123.456789),
                       Date(timeIntervalSince1970: -2_208_988_800)]
        for moment in moments {
            let cursor = ImageCursor.encode(ImageListPosition(id: 42, timeline: moment), order: .taken)
            let position = try ImageCursor.decode(cursor, order: .taken)
            #expect(position.id == 42)
            #expect(abs((position.timeline ?? .distantPast).timeIntervalSince(moment)) < 0.000_001)
            #expect(throws: DomainError.self) { try ImageCursor.decode(cursor, order: .uploaded) }
        }
        func encoded(_ plain: String) -> String {
            Data(plain.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        #expect(try ImageCursor.decode(encoded("v2:taken:0:7"), order: .taken) == ImageListPosition(id: 7, timeline: Date(timeIntervalSince1970: 0)))
        for plain in ["v2:taken:1:0", "v2:taken:01:7", "v2:taken:+1:7", "v2:taken:1:7:", "v2:uploaded:1:7", "v2:taken::7",
                      "v2:taken:999999999999999999:7", "v1:7:1", "v3:taken:1:7"] {
            #expect(throws: DomainError.self, "\(plain)") { try ImageCursor.decode(encoded(plain), order: .taken) }
        }
    }

    @Test func theGalleryAndAPicturesNeighboursFollowTheOrderChosen() throws {
        let app = try WebTestApp().loggedIn()
        func upload(_ marker: String, _ title: String) throws -> String {
            try #require(try app.upload(FakePictures.jpeg(marker), title: title).headers["Location"])
        }
        let summer = try upload("coffee taken 2025:07:01 08:30:00", "Summer")
        let undated = try upload("coffee with no time", "Undated")
        let spring = try upload("coffee taken 2025:04:01 09:00:00", "Spring")
        func titles(_ text: String) -> [String] {
            text.components(separatedBy: #"<span class="tile-title">"#).dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        let byUpload = app.send(.get, "/images").text
        #expect(titles(byUpload) == ["Spring", "Undated", "Summer"])
        #expect(byUpload.contains(#"<strong aria-current="page">Latest uploaded</strong>"#))
        #expect(byUpload.contains(#"<a href="/images?sort=taken">Latest taken</a>"#))
        let byTaken = app.send(.get, "/images?sort=taken").text
        #expect(titles(byTaken) == ["Undated", "Summer", "Spring"])
        #expect(byTaken.contains(#"<strong aria-current="page">Latest taken</strong>"#))
        #expect(byTaken.contains(#"<span class="tile-date">taken 2025-07-01</span>"#))
        // Under the heading of each month, the month of the upload for the picture without a time.
        let headings = byTaken.components(separatedBy: #"<h2 class="month">"#).dropFirst().map { String($0.prefix { $0 != "<" }) }
        let uploadedAt = try #require(app.imageStore.read { $0.images.values.first { $0.image.title == "Undated" }?.image.createdAt })
        #expect(headings == [GalleryView.Section.month(of: uploadedAt), "July 2025", "April 2025"])
        #expect(!byUpload.contains(#"<h2 class="month">"#), "no months in the order by upload")
        #expect(byTaken.contains(#"<input type="hidden" name="sort" value="taken">"#), "a search keeps the order")
        #expect(byTaken.contains(#"<a href="\#(summer)?sort=taken">"#))
        // On a picture's page opened from there, the pictures beside it are those of that order.
        let page = app.send(.get, summer + "?sort=taken").text
        #expect(page.contains(#"<a href="\#(undated)?sort=taken" rel="prev">← Newer</a>"#))
        #expect(page.contains(#"<a href="\#(spring)?sort=taken" rel="next">Older →</a>"#))
        #expect(page.contains(#"<a href="/images?sort=taken">← All pictures</a>"#))
        let plain = app.send(.get, summer).text
        #expect(plain.contains(#"<a href="\#(undated)" rel="prev">← Newer</a>"#) && !plain.contains(#"rel="next""#))
        // Filters keep the order, and the order keeps the filters.
        let searched = app.send(.get, "/images?sort=taken&q=summer").text
        #expect(titles(searched) == ["Summer"])
        #expect(searched.contains(#"<a href="/images?q=summer">Latest uploaded</a>"#))
    }

    @Test func theGalleryPagesByTheTimeTakenAndIgnoresCursorsItCannotRead() throws {
        let app = try WebTestApp().loggedIn()
        for index in 0..<ImagePages.pageSize + 2 {
            // Taken in reverse order of upload: the first uploaded is the latest taken.
            try app.upload(FakePictures.jpeg("coffee taken 2025:01:\(String(format: "%02d", 28 - index)) 12:00:00"), title: "Day \(28 - index)")
        }
        let first = app.send(.get, "/images?sort=taken").text
        #expect(first.contains(">Day 28<") && !first.contains(">Day 3<"))
        let older = try #require(first.range(of: #"<a href="/images?cursor="#)).lowerBound
        let link = first[first.index(older, offsetBy: 9)...].prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&")
        #expect(link.hasSuffix("&sort=taken"))
        let second = app.send(.get, link).text
        #expect(second.components(separatedBy: #"<li class="tile">"#).count - 1 == 2)
        #expect(second.contains(">Day 4<") && second.contains(">Day 3<") && !second.contains(">Day 28<"))
        #expect(second.contains(#"<a href="/images?sort=taken">← Newest</a>"#))
        // A cursor the gallery cannot read (edited, or of the other order) shows the first page.
        #expect(app.send(.get, "/images?sort=taken&cursor=nonsense").text.contains(">Day 28<"))
        #expect(app.send(.get, "/images?sort=sideways").status == .ok)
    }

    @Test func fromAndToKeepThePicturesTakenOnThoseDaysInEitherOrder() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        func upload(_ marker: String) throws -> Int { try app.uploadedID(FakePictures.jpeg(marker), token: token) }
        let first = try upload("coffee taken 2025:08:01 00:00:00")
        let middle = try upload("coffee taken 2025:08:15 12:00:00")
        let last = try upload("coffee taken 2025:08:31 23:59:59")
        _ = try upload("coffee taken 2025:09:01 00:00:00")
        let july = try upload("coffee taken 2025:07:31 23:59:59")
        let today = try upload("coffee without a time")
        func ids(_ query: String) -> [Int] { app.send(.get, "/api/v1/images?\(query)", token: token).itemIDs }
        #expect(ids("from=2025-08-01&to=2025-08-31&sort=taken") == [last, middle, first])
        #expect(ids("from=2025-08-01&to=2025-08-31") == [last, middle, first])
        #expect(ids("from=2025-08-15&to=2025-08-15") == [middle])
        #expect(ids("to=2025-08-01&sort=taken") == [first, july], "to includes its whole day")
        let day = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(ids("from=\(day)") == [today], "a picture without a time counts on the day it was uploaded")
        let paged = app.send(.get, "/api/v1/images?from=2025-08-01&to=2025-08-31&sort=taken&limit=2", token: token).object
        let next = try #require((paged["links"] as? [String: Any])?["next"] as? String)
        #expect(next.contains("&from=2025-08-01") && next.contains("&to=2025-08-31") && next.contains("&sort=taken"))
        #expect(app.send(.get, next, token: token).itemIDs == [first])
        for (query, field) in [("from=2025-13-01", "from"), ("to=2025-02-30", "to"), ("from=25-08-01", "from"), ("to=1899-12-31", "to"),
                               ("from=2025-08-01T00:00", "from"), ("from=2025-08-31&to=2025-08-01", "to")] {
            let refused = app.send(.get, "/api/v1/images?\(query)", token: token)
            #expect(refused.status == .unprocessableContent && refused.errorFields == [field], "\(query)")
        }
        #expect(ids("from=&to=").count == 6, "empty is no filter")
    }

    @Test func theGallerySearchFormKeepsTheDaysTakenWithTheOrder() throws {
        let app = try WebTestApp().loggedIn()
        try app.upload(FakePictures.jpeg("coffee taken 2025:08:15 12:00:00"), title: "Beach")
        try app.upload(FakePictures.jpeg("coffee taken 2025:06:01 12:00:00"), title: "June")
        let august = app.send(.get, "/images?sort=taken&from=2025-08-01&to=2025-08-31").text
        #expect(august.contains(">Beach<") && !august.contains(">June<"))
        #expect(august.contains(#"<input id="from" name="from" type="date" value="2025-08-01""#))
        #expect(august.contains("Taken from 2025-08-01 to 2025-08-31"))
        #expect(august.contains(#"<a href="/images?from=2025-08-01&amp;to=2025-08-31">Latest uploaded</a>"#))
        // The wrong way round is put right; what is not a day is left out.
        #expect(app.send(.get, "/images?from=2025-08-31&to=2025-08-01").text.contains("Taken from 2025-08-01 to 2025-08-31"))
        let odd = app.send(.get, "/images?from=someday&to=2025-06-01")
        #expect(odd.status == .ok && odd.text.contains("Taken on 2025-06-01 or earlier") && odd.text.contains(">June<"))
        #expect(app.send(.get, "/images?from=2030-01-01").text.contains("None of your pictures was taken on those days."))
    }
}
