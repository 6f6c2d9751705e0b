import Foundation
import MLPDomain
import Testing

/// Exif's "2026:03:12 14:03:22" and "+01:00" as a capture time: a real time or none, and back as ISO 8601.
@Suite struct CaptureTimeParsingTests {
    @Test func aCameraTimeWithOrWithoutItsOffset() throws {
        let zoned = try #require(CaptureTime(exifDateTime: "2026:03:12 14:03:22", offset: "+01:00"))
        #expect(zoned.iso8601 == "2026-03-12T14:03:22+01:00" && zoned.offsetMinutes == 60)
        #expect(zoned.local == Date(timeIntervalSince1970: 1_773_324_202), "the wall-clock fields, read as UTC")
        #expect(CaptureTime(exifDateTime: "2026:03:12 14:03:22", offset: nil)?.iso8601 == "2026-03-12T14:03:22")
        #expect(CaptureTime(exifDateTime: "1999:12:31 23:59:59", offset: "-05:30")?.iso8601 == "1999-12-31T23:59:59-05:30")
        #expect(CaptureTime(exifDateTime: "2024:02:29 00:00:00", offset: "+00:00")?.iso8601 == "2024-02-29T00:00:00+00:00")
    }

    @Test(arguments: [
        "0000:00:00 00:00:00", "    :  :     :  :  ", "", "2026:03:12", "2026-03-12 14:03:22", "2026:02:30 10:00:00",
        "2026:13:01 10:00:00", "2026:03:12 24:00:00", "2026:03:12 14:60:00", "1850:01:01 00:00:00", "abcd:03:12 14:03:22",
    ])
    func notATime(text: String) {
        #expect(CaptureTime(exifDateTime: text, offset: "+01:00") == nil)
    }

    @Test func aMalformedOffsetIsLeftOut() {
        for offset in ["+1:00", "01:00", "+15:00", "+01:60", "Z", "+01:00:00"] {
            #expect(CaptureTime(exifDateTime: "2026:03:12 14:03:22", offset: offset)?.iso8601 == "2026-03-12T14:03:22", "\(offset)")
        }
    }
}
