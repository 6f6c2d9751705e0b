import Foundation

/// One page of a user's images, latest first (uploaded or taken), with keyset pagination on the order's key and the id
/// (stable under inserts).
public struct ListImagesUseCase: Sendable {
    /// A page and where the next one starts.
    public struct Page: Equatable, Sendable {
        public var items: [ImageSummary]
        /// Where the next page starts (pass as `after`); nil on the last page.
        public var next: ImageListPosition?
        /// The id of ``next``: where the next page of a list by upload starts (pass as `beforeID`).
        public var nextBeforeID: Int64? { next?.id }

        /// The first `limit` of `rows`, read with a limit one higher: one more row than asked tells whether
        /// another page exists without a second query.
        init(oneMore rows: [ImageSummary], limit: Int) {
            items = Array(rows.prefix(limit))
            next = rows.count > limit ? items.last?.image.listPosition : nil
        }
    }

    /// A page of the album's active pictures in `order` (the owner's album page and an album's link).
    static func albumPage(
        _ repositories: any Repositories, album: AlbumSummary, order: ImageOrder, after: ImageListPosition?, limit: Int
    ) throws -> Page {
        Page(oneMore: try repositories.albums.pictures(in: album, order: order, after: after, limit: limit + 1), limit: limit)
    }

    /// The field error of a position that cannot continue a list in `order` (one without its time, in the order by
    /// the time taken: a cursor of the order by upload), or none.
    static func positionErrors(_ after: ImageListPosition?, order: ImageOrder) -> [DomainError.FieldError] {
        guard order == .taken, let after, after.timeline == nil else { return [] }
        return [.init(field: "cursor", message: "Not a position in the order by the time taken; start again without one.")]
    }

    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// The caller's pictures beside `imageID` in the gallery in this order (latest first), for its page.
    public func neighbours(userID: Int64, imageID: Int64, order: ImageOrder = .uploaded) throws -> PictureNeighbours {
        try unitOfWork.read { try $0.images.neighbours(id: imageID, userID: userID, order: order) }
    }

    /// Images of `userID` in `order`, after `after` (a page's ``Page/next``); `label` keeps images whose current predictions have a label
    /// containing it (or, with `labelMatch` `.exact`, equal to it), `text` those whose title or a current label
    /// contains it, all ignoring case; `agreement` compares the owner's label with the current top label; `sha256`
    /// keeps the pictures whose bytes have this digest (64 hex digits, either case: "is this file stored
    /// already?" without sending it); `from` and `to` (days, `YYYY-MM-DD`, both included) keep the pictures taken
    /// on those days or between them (uploaded, for a picture whose file does not say: its place in the order by
    /// the time taken); `favourite` keeps the owner's favourites (true) or the others (false); `maxScore` (above 0, at most 1) keeps the
    /// pictures whose current top label scores at most that, the ones the model is unsure about; `on` (`MM-DD`) keeps
    /// the pictures taken on that day of the year, in any year. `validation` (field `limit`, `label`, `q`, `sha256`, `from`, `to`, `max_score` or `on`) for values out of range,
    /// and (field `cursor`) for a position of the `.taken` order without its time.
    public func execute(
        userID: Int64, limit: Int = ImageRules.defaultLimit, order: ImageOrder = .uploaded, after: ImageListPosition? = nil,
        label: String? = nil,
        labelMatch: LabelFilter.Match = .contains, text: String? = nil, agreement: AgreementFilter? = nil, sha256: String? = nil,
        from: String? = nil, to: String? = nil, favourite: Bool? = nil, maxScore: Double? = nil, on: String? = nil
    ) throws -> Page {
        var errors: [DomainError.FieldError] = []
        if !ImageRules.limitRange.contains(limit) {
            errors.append(.init(field: "limit", message: "Must be an integer from \(ImageRules.limitRange.lowerBound) to \(ImageRules.limitRange.upperBound)."))
        }
        let filter = label?.trimmingCharacters(in: .whitespaces)
        if let filter, filter.unicodeScalars.count > ImageRules.maxLabelLength {
            errors.append(.init(field: "label", message: "Must be at most \(ImageRules.maxLabelLength) characters."))
        }
        let search = text?.trimmingCharacters(in: .whitespaces)
        if let search, search.unicodeScalars.count > ImageRules.maxTitleLength {
            errors.append(.init(field: "q", message: "Must be at most \(ImageRules.maxTitleLength) characters."))
        }
        let digest = sha256?.lowercased()
        if let digest, digest.utf8.count != 64 || !digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
            errors.append(.init(field: "sha256", message: "Must be a SHA-256 digest: 64 hexadecimal digits."))
        }
        if let maxScore, !(maxScore > 0 && maxScore <= 1) {
            errors.append(.init(field: "max_score", message: "Must be a number above 0 and at most 1."))
        }
        errors += Self.positionErrors(after, order: order)
        // A day read by `parse`; nil and an error for what is not one; nil for nothing (absent or empty).
        func day(_ text: String?, field: String, _ parse: (String) -> Date?) -> Date? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = parse(text) else {
                errors.append(.init(field: field, message: "Must be a day from 1900-01-01 to 2199-12-31, written YYYY-MM-DD."))
                return nil
            }
            return date
        }
        let start = day(from, field: "from", CalendarDay.start(of:))
        let end = day(to, field: "to", CalendarDay.end(of:))
        if let start, let end, end <= start { errors.append(.init(field: "to", message: "Must not be before from.")) }
        let dayOfYear = on.flatMap { $0.isEmpty ? nil : DayOfYear($0) }
        if let on, !on.isEmpty, dayOfYear == nil {
            errors.append(.init(field: "on", message: "Must be a day of the year, written MM-DD (as 07-14)."))
        }
        try ImageRules.require(errors)
        // One statement: no transaction needed.
        let rows = try unitOfWork.read { repositories in
            try repositories.images.list(userID: userID, ImageListQuery(
                order: order, after: after, limit: limit + 1,
                label: filter.flatMap { $0.isEmpty ? nil : LabelFilter($0, match: labelMatch) },
                text: search?.isEmpty == false ? search : nil, agreement: agreement, sha256: digest,
                timelineFrom: start, timelineBefore: end, favourite: favourite, maxScore: maxScore, dayOfYear: dayOfYear
            ))
        }
        return Page(oneMore: rows, limit: limit)
    }
}
