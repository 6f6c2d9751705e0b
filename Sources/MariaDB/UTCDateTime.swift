import Foundation

/// Calendar fields of an instant in UTC with microsecond precision, as DATETIME(6) holds them.
struct UTCDateTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var microsecond: Int

    private static let microsPerDay: Int64 = 86_400_000_000
    /// Microseconds from 1970-01-01 to 2001-01-01, the epoch `Date` counts from (keeps full precision near it).
    private static let referenceOffsetMicros: Int64 = 978_307_200_000_000

    /// Splits `date` into UTC fields, rounding to the nearest microsecond.
    init(_ date: Date) {
        let micros = Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded()) + Self.referenceOffsetMicros
        var days = micros / Self.microsPerDay
        var rest = micros % Self.microsPerDay
        if rest < 0 {
            rest += Self.microsPerDay
            days -= 1
        }
        (year, month, day) = Self.civil(fromDays: days)
        let seconds = Int(rest / 1_000_000)
        microsecond = Int(rest % 1_000_000)
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.microsecond) = (hour, minute, second, microsecond)
    }

    /// The instant these fields name in UTC.
    var date: Date {
        let days = Self.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let micros = seconds * 1_000_000 + Int64(microsecond)
        return Date(timeIntervalSinceReferenceDate: Double(micros - Self.referenceOffsetMicros) / 1_000_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}
