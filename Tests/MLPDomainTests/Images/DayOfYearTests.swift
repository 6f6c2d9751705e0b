import Foundation
import MLPDomain
import Testing

/// The list's `on`: a day of the year, `MM-DD`, in any year.
@Suite struct DayOfYearTests {
    @Test func everyDaySomeYearHasIsReadAndWrittenBack() {
        var read = 0
        for month in 1...12 {
            for day in 1...31 {
                let text = String(format: "%02d-%02d", month, day)
                guard let parsed = DayOfYear(text) else { continue }
                #expect(parsed.month == month && parsed.day == day && parsed.text == text)
                read += 1
            }
        }
        #expect(read == 366, "with 02-29")
    }

    @Test func whatIsNotADayOfTheYearIsRefused() {
        for text in ["02-30", "04-31", "13-01", "00-10", "01-00", "1-15", "01-5", "01/15", "0115", "01-15 ", "2025-01-15", "", "٠١-١٥", "+1-15"] {
            #expect(DayOfYear(text) == nil, "\(text)")
        }
    }

    @Test func aTimeFallsOnItsDayInUTCInAnyYear() throws {
        let day = try #require(DayOfYear("02-29"))
        let formatter = ISO8601DateFormatter()
        #expect(day.holds(try #require(formatter.date(from: "2024-02-29T23:59:59Z"))))
        #expect(!day.holds(try #require(formatter.date(from: "2024-03-01T00:00:00Z"))))
        #expect(DayOfYear(of: try #require(formatter.date(from: "1999-12-31T12:00:00Z"))).text == "12-31")
    }
}
