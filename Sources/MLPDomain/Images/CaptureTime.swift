import Foundation

/// When a picture was taken, as its camera wrote it (Exif DateTimeOriginal): the camera's local wall-clock time,
/// and its offset from UTC when the camera recorded one (OffsetTimeOriginal). Without the offset it is a local
/// time of an unknown zone, so it is kept and shown as written, never converted.
public struct CaptureTime: Equatable, Sendable {
    /// The local time, its fields read as if they were UTC (stored so in a `DATETIME` column).
    public var local: Date
    /// Minutes east of UTC, when known.
    public var offsetMinutes: Int?

    public init(local: Date, offsetMinutes: Int?) {
        self.local = local
        self.offsetMinutes = offsetMinutes
    }

    /// From Exif's text: "2026:03:12 14:03:22" and "+01:00". Nil when it is not a real time, as the
    /// "0000:00:00 00:00:00" or blanks that cameras write when their clock was never set. A malformed offset is
    /// left out.
    public init?(exifDateTime text: String, offset: String?) {
        let digits = Array(text.utf8)
        guard digits.count >= 19, digits[4] == UInt8(ascii: ":"), digits[7] == UInt8(ascii: ":"), digits[10] == UInt8(ascii: " "),
              digits[13] == UInt8(ascii: ":"), digits[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1900...2199).contains(year)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: Self.calendar), let local = Self.calendar.date(from: components) else { return nil }
        self.local = local
        offsetMinutes = offset.flatMap(Self.minutes)
    }

    /// "2026-03-12T14:03:22", with "+01:00" when the offset is known.
    public var iso8601: String {
        let c = Self.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        var text = "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        if let offsetMinutes {
            text += (offsetMinutes < 0 ? "-" : "+") + two(abs(offsetMinutes) / 60) + ":" + two(abs(offsetMinutes) % 60)
        }
        return text
    }

    /// "+01:00" or "-05:30" → minutes east of UTC; nil otherwise (offsets beyond ±14:00 do not exist).
    static func minutes(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: ":"),
              let hours = Int(String(decoding: bytes[1..<3], as: UTF8.self)), let minutes = Int(String(decoding: bytes[4..<6], as: UTF8.self)),
              hours <= 14, minutes < 60
        else { return nil }
        let total = hours * 60 + minutes
        return bytes[0] == UInt8(ascii: "-") ? -total : total
    }

    /// Gregorian in UTC: the fields of stored wall-clock times (also `CalendarDay`'s).
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
