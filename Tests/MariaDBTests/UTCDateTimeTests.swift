import Foundation
import Testing

@testable import MariaDB

@Suite struct UTCDateTimeTests {
    @Test func splitsKnownInstantsIntoUTCFields() {
        // 2024-02-29T23:59:59.123456Z
        let leapDay = UTCDateTime(Date(timeIntervalSince1970: 1_709_251_199.123456))
        #expect(leapDay == UTCDateTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, microsecond: 123_456))
        let beforeEpoch = UTCDateTime(Date(timeIntervalSince1970: -1.5))
        #expect(beforeEpoch == UTCDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 58, microsecond: 500_000))
    }

    @Test func fieldsRoundTripThroughDates() {
        // Years 1901 to 2100: a Date (a Double around 2001) holds microseconds exactly enough there.
        for seconds in stride(from: -3_150_000_000.0, to: 3_150_000_000.0, by: 12_345_678.654321) {
            let date = Date(timeIntervalSinceReferenceDate: seconds)
            let fields = UTCDateTime(date)
            #expect(UTCDateTime(fields.date) == fields)
            #expect(abs(fields.date.timeIntervalSince(date)) <= 0.000_000_5)
        }
    }
}
