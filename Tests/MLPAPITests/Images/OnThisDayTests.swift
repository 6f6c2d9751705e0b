import Foundation
import HTTP
@testable import MLPAPI
import Testing

/// "On this day": the list's `on=MM-DD` keeps the pictures taken on that day of the year, in any year; the gallery
/// links to today's.
@Suite struct OnThisDayTests {
    @Test func onKeepsThePicturesTakenOnThatDayInAnyYearInEitherOrderPageByPage() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        func upload(_ marker: String) throws -> Int { try app.uploadedID(FakePictures.jpeg(marker), token: token) }
        let old = try upload("coffee taken 2015:07:14 09:00:00")
        let late = try upload("coffee taken 2024:07:14 23:59:59")
        let early = try upload("coffee taken 2020:07:14 00:00:00")
        _ = try upload("coffee taken 2024:07:15 00:00:00")
        _ = try upload("coffee taken 2024:07:13 23:59:59")
        let leap = try upload("coffee taken 2024:02:29 12:00:00")
        func ids(_ query: String) -> [Int] { app.send(.get, "/api/v1/images?\(query)", token: token).itemIDs }
        #expect(ids("on=07-14&sort=taken") == [late, early, old])
        #expect(ids("on=07-14") == [early, late, old], "by upload, the latest upload first")
        #expect(ids("on=02-29") == [leap])
        #expect(ids("on=07-14&from=2016-01-01") == [early, late], "with the other filters")
        #expect(ids("on=").count == 6, "empty is no filter")

        let paged = app.send(.get, "/api/v1/images?on=07-14&sort=taken&limit=2", token: token).object
        let next = try #require((paged["links"] as? [String: Any])?["next"] as? String)
        #expect(next.contains("&on=07-14") && next.contains("&sort=taken"))
        #expect(app.send(.get, next, token: token).itemIDs == [old])

        for query in ["on=7-14", "on=02-30", "on=13-01", "on=2024-07-14", "on=07-14x", "on=today"] {
            let refused = app.send(.get, "/api/v1/images?\(query)", token: token)
            #expect(refused.status == .unprocessableContent && refused.errorFields == ["on"], "\(query)")
        }
        let other = try app.token("bob@example.com")
        #expect(app.send(.get, "/api/v1/images?on=07-14", token: other).itemIDs.isEmpty, "only the caller's pictures")
    }

    @Test func theGalleryLinksToTodaysDayAndSaysWhatItShows() throws {
        let app = try WebTestApp().loggedIn()
        // The test clock's today is 2027-01-15.
        try app.upload(FakePictures.jpeg("coffee taken 2019:01:15 10:00:00"), title: "Snow")
        try app.upload(FakePictures.jpeg("coffee taken 2019:01:16 10:00:00"), title: "Thaw")
        let gallery = app.send(.get, "/images").text
        #expect(gallery.contains(#"<a class="on-this-day" href="/images?sort=taken&amp;on=01-15">On this day</a>"#))

        let today = app.send(.get, "/images?sort=taken&on=01-15").text
        #expect(today.contains(">Snow<") && !today.contains(">Thaw<"))
        #expect(today.contains("Taken on 15 January, in any year"))
        #expect(!today.contains(#"class="on-this-day""#), "no link to the page shown")
        #expect(today.contains(#"<a href="/images?on=01-15">Latest uploaded</a>"#), "the order keeps the day")
        #expect(today.contains(#"<a href="/images?sort=taken&amp;on=01-15&amp;favourite=true">★ Favourites</a>"#))
        #expect(app.send(.get, "/images?on=06-01").text.contains("None of these pictures was taken on 1 June."))
        let ignored = app.send(.get, "/images?on=02-30")
        #expect(ignored.status == .ok && ignored.text.contains(">Snow<") && ignored.text.contains(">Thaw<"), "not a day: every picture")
        #expect(!ignored.text.contains("in any year"))
    }
}
