import Foundation

/// The order of a user's pictures: in the gallery, the API's list and between a picture and the ones beside it.
public enum ImageOrder: String, CaseIterable, Sendable {
    /// The latest upload first.
    case uploaded
    /// The latest taken first, by the time the file says (``Image/takenAt``, the camera's own clock); a picture
    /// whose file does not say counts at its upload time, so every picture has a place. Equal times: the latest
    /// upload first.
    case taken
}

/// Where the next page of a list of pictures starts: after this picture, in the list's order.
public struct ImageListPosition: Equatable, Sendable {
    /// The last picture of the page before.
    public var id: Int64
    /// Its ``Image/timeline`` (needed by ``ImageOrder/taken`` only).
    public var timeline: Date?

    public init(id: Int64, timeline: Date? = nil) {
        self.id = id
        self.timeline = timeline
    }
}

extension Image {
    /// The picture's place in the ``ImageOrder/taken`` order: when it was taken (the camera's wall-clock time, its
    /// fields read as UTC, as stored), or else when it was uploaded (UTC). The two differ by the camera's zone at
    /// most, which is what a timeline of one person's pictures can live with.
    public var timeline: Date { takenAt?.local ?? createdAt }

    /// Where a page that ends with this picture continues.
    public var listPosition: ImageListPosition { ImageListPosition(id: id, timeline: timeline) }
}

/// Which of a user's active pictures a list holds, in which order, from where.
public struct ImageListQuery: Equatable, Sendable {
    public var order: ImageOrder
    /// Start after this picture (nil: from the first).
    public var after: ImageListPosition?
    /// At most this many.
    public var limit: Int
    /// Some current prediction's label contains (or is) its text, ignoring case.
    public var label: LabelFilter?
    /// The title, the owner's label or some current prediction's label contains it, ignoring case.
    public var text: String?
    /// How the owner's label compares with the current top label.
    public var agreement: AgreementFilter?
    /// The picture's bytes have this digest (lower-case hex).
    public var sha256: String?
    /// The picture's ``Image/timeline`` (when it was taken, or uploaded) is at or after this.
    public var timelineFrom: Date?
    /// The picture's ``Image/timeline`` is before this.
    public var timelineBefore: Date?
    /// Only the owner's favourites (true) or only the others (false).
    public var favourite: Bool?
    /// Only pictures whose current top label has at most this score: those the model is unsure about.
    public var maxScore: Double?
    /// Only pictures whose ``Image/timeline`` falls on this day of the year, in any year ("on this day").
    public var dayOfYear: DayOfYear?

    public init(
        order: ImageOrder = .uploaded, after: ImageListPosition? = nil, limit: Int, label: LabelFilter? = nil, text: String? = nil,
        agreement: AgreementFilter? = nil, sha256: String? = nil, timelineFrom: Date? = nil, timelineBefore: Date? = nil,
        favourite: Bool? = nil, maxScore: Double? = nil, dayOfYear: DayOfYear? = nil
    ) {
        self.order = order
        self.after = after
        self.limit = limit
        self.label = label
        self.text = text
        self.agreement = agreement
        self.sha256 = sha256
        self.timelineFrom = timelineFrom
        self.timelineBefore = timelineBefore
        self.favourite = favourite
        self.maxScore = maxScore
        self.dayOfYear = dayOfYear
    }
}

/// A day of the year, in any year, as the list's `on` names it: `MM-DD` (`02-29` included), read as times taken
/// are stored (the camera's wall clock, or the upload's day in UTC).
public struct DayOfYear: Sendable, Hashable {
    public let month: Int
    public let day: Int

    /// Nil when `text` is not `MM-DD` of a day some year has.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 2 || (0x30...0x39).contains($0.element) }),
              let month = Int(String(decoding: bytes[0..<2], as: UTF8.self)), let day = Int(String(decoding: bytes[3..<5], as: UTF8.self)),
              // A leap year holds every day some year has.
              DateComponents(year: 2000, month: month, day: day).isValidDate(in: CaptureTime.calendar)
        else { return nil }
        (self.month, self.day) = (month, day)
    }

    /// The day of the year of `date`, read in UTC as times taken are stored.
    public init(of date: Date) {
        let parts = CaptureTime.calendar.dateComponents([.month, .day], from: date)
        (month, day) = (parts.month ?? 1, parts.day ?? 1)
    }

    /// `MM-DD`.
    public var text: String {
        (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Whether `date` (a ``Image/timeline``) falls on this day of the year.
    public func holds(_ date: Date) -> Bool {
        DayOfYear(of: date) == self
    }
}

/// A day of the calendar as `from` and `to` of a list name it: `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31 (the
/// years a time taken can have).
public enum CalendarDay {
    /// The start of the day, its fields read as UTC (as times taken are stored), or nil when `text` is not a day.
    public static func start(of text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }),
              let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)), (1900...2199).contains(year),
              let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)), let day = Int(String(decoding: bytes[8..<10], as: UTF8.self))
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// The start of the next day.
    public static func end(of text: String) -> Date? {
        start(of: text).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
    }

    private static var calendar: Calendar { CaptureTime.calendar }
}
