import Foundation
import MLPDomain

/// The gallery: one page of thumbnails with the best label and its score, the latest uploaded or taken first.
struct GalleryView {
    /// One tile.
    struct Item {
        let id: Int64
        var detailURL: String
        let thumbnailURL: String
        let title: String
        let hasTitle: Bool
        let topLabel: String?
        let score: ScoreView?
        /// What the owner says the picture shows.
        let userLabel: String?
        /// One of the owner's favourites: the tile's star is filled.
        let favourite: Bool
        let uploaded: String
        /// The day under the tile: the upload's; in the order by the time taken, the day taken, when known.
        var date: String
        /// Whether it is the cover of the album whose page shows it.
        var isCover = false
        /// The month of its place in the order by the time taken ("August 2025"); nil in the order by upload.
        var month: String?

        /// The tile of a listed picture (also on the similar-pictures and duplicates pages).
        init(_ summary: ImageSummary) {
            let image = summary.image
            id = image.id
            detailURL = "/images/\(image.id)"
            thumbnailURL = ImagePages.thumbnailURL(image.id, version: image.sha256)
            title = image.title ?? "Untitled picture"
            hasTitle = image.title != nil
            topLabel = summary.topPrediction?.label
            score = summary.topPrediction.map { ScoreView($0.score) }
            userLabel = image.userLabel
            favourite = image.favourite
            uploaded = AccountPages.day(image.createdAt)
            date = uploaded
        }

        /// The tile in the gallery in `order`: in the order by the time taken, its page keeps that order for the
        /// pictures beside it, and the tile says when it was taken (or uploaded, when the file does not say).
        init(_ summary: ImageSummary, order: ImageOrder) {
            self.init(summary)
            guard order == .taken else { return }
            detailURL += OrderSwitch.suffix(order)
            date = summary.image.takenAt.map { "taken " + AccountPages.day($0.local) } ?? "uploaded " + uploaded
            month = Section.month(of: summary.image.timeline)
        }
    }

    /// Tiles in a row, under the heading of their month in the order by the time taken.
    struct Section {
        /// "August 2025"; nil in the order by upload (one section).
        let monthHeading: String?
        let items: [Item]

        /// Consecutive items of the same month, each run under its month.
        static func of(_ items: [Item]) -> [Section] {
            var sections: [Section] = []
            var run: [Item] = []
            for item in items {
                if let last = run.last, last.month != item.month {
                    sections.append(Section(monthHeading: last.month, items: run))
                    run = []
                }
                run.append(item)
            }
            if let last = run.last { sections.append(Section(monthHeading: last.month, items: run)) }
            return sections
        }

        static func month(of date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month], from: date)
            return monthName(parts.month ?? 1) + " \(parts.year ?? 0)"
        }

        /// "July" for 7.
        static func monthName(_ month: Int) -> String {
            let names = calendar.standaloneMonthSymbols
            return names.indices.contains(month - 1) ? names[month - 1] : ""
        }

        /// Gregorian in UTC, as times taken are stored, with English month names as the rest of the pages.
        private static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            calendar.locale = Locale(identifier: "en_GB")
            return calendar
        }()
    }

    let items: [Item]
    /// The tiles by month (one section in the order by upload).
    let sections: [Section]
    /// What the search box holds: words of a title or a label.
    let query: String
    let isFiltered: Bool
    let isEmpty: Bool
    /// Link to the next (older) page, nil on the last page.
    let olderURL: String?
    /// Link back to the newest page, when not on it.
    let newestURL: String?
    /// The days of the search form (`YYYY-MM-DD`, empty when not given), and what they keep.
    let from: String
    let to: String
    let daysNote: String?
    /// What an empty page says when only the days filter.
    let daysEmpty: String?
    /// The two orders, each a link to the first page in it that keeps the filters.
    let orders: [OrderSwitch.Link]
    /// The order shown, when not the default: the search keeps it.
    let sort: String?

    /// The label the pictures are filtered by (exactly), if any.
    let label: String?
    /// What the agreement filter keeps, and what to say when it keeps nothing; nil without the filter.
    let agreementNote: String?
    let agreementEmpty: String?
    /// The pictures without the owner's label are shown and there are some: offer to label them one by one.
    let labelOneByOne: Bool
    /// Only the owner's favourites are shown (`favourite=true`).
    let favouritesOnly: Bool
    /// What an empty page of favourites says.
    let favouritesEmpty: String?
    /// What the filter by the top label's score keeps ("… at most 50.0 %"), and what to say when it keeps nothing.
    let unsureNote: String?
    let unsureEmpty: String?
    /// The favourites in this order with the other filters (or, when only they are shown, every picture).
    let favouritesURL: String
    /// What the filter by a day of the year keeps ("Taken on 14 July, in any year"), and what to say when it keeps
    /// nothing; nil without it.
    let onThisDayNote: String?
    let onThisDayEmpty: String?
    /// The pictures taken on today's day of the year, latest first, when not shown already.
    let onThisDayURL: String?
    /// This page's own address, where a tile's star comes back to.
    let pageURL: String

    init(
        page: ListImagesUseCase.Page, query: String, label: String, agreement: AgreementFilter? = nil,
        days: (from: String, to: String) = ("", ""), order: ImageOrder = .uploaded, after: ImageListPosition? = nil,
        favouritesOnly: Bool = false, maxScore: Double? = nil, dayOfYear: DayOfYear? = nil, today: DayOfYear? = nil
    ) {
        (from, to) = days
        switch (days.from.isEmpty, days.to.isEmpty) {
        case (false, false): daysNote = days.from == days.to ? "Taken on \(days.from)" : "Taken from \(days.from) to \(days.to)"
        case (false, true): daysNote = "Taken on \(days.from) or later"
        case (true, false): daysNote = "Taken on \(days.to) or earlier"
        case (true, true): daysNote = nil
        }
        daysEmpty = daysNote != nil && query.isEmpty && label.isEmpty && agreement == nil && !favouritesOnly
            ? "None of your pictures was taken on those days." : nil
        self.favouritesOnly = favouritesOnly
        unsureNote = maxScore.map { "Pictures whose top label the model gives at most \(ScoreView($0).percent), the ones it is least sure about." }
        unsureEmpty = maxScore.map { "The model gives the top label of every one of these pictures more than \(ScoreView($0).percent)." }
        let dayName = dayOfYear.map(Self.name)
        onThisDayNote = dayName.map { "Taken on \($0), in any year" }
        onThisDayEmpty = dayName.map { "None of these pictures was taken on \($0)." }
        onThisDayURL = today.flatMap { $0 == dayOfYear ? nil : "/images?sort=taken&on=\($0.text)" }
        let otherFilters = !query.isEmpty || !label.isEmpty || agreement != nil || daysNote != nil || maxScore != nil || dayOfYear != nil
        favouritesEmpty = !favouritesOnly ? nil : otherFilters
            ? "None of your favourites is among these pictures."
            : "No favourites yet: the ☆ of a picture marks it as one of yours."
        items = page.items.map { Item($0, order: order) }
        sections = Section.of(items)
        self.query = query
        self.label = label.isEmpty ? nil : label
        isFiltered = !query.isEmpty
        isEmpty = page.items.isEmpty
        switch agreement {
        case .agree?:
            agreementNote = "Pictures whose top label from the model is the one you gave them."
            agreementEmpty = "None of your labels is the model's top label yet."
        case .disagree?:
            agreementNote = "Pictures whose top label from the model is not the one you gave them."
            agreementEmpty = "On every picture you labelled, the model's top label is yours."
        case .unlabelled?:
            agreementNote = "Pictures you have not labelled yet (\"Your label\" on a picture's page)."
            agreementEmpty = "You have labelled every picture."
        case nil:
            agreementNote = nil
            agreementEmpty = nil
        }
        // The one-by-one flow walks all the pictures without a label, so it is offered only without other filters.
        labelOneByOne = agreement == .unlabelled && !page.items.isEmpty && query.isEmpty && label.isEmpty
        let others = [
            ("label", label), ("q", query), ("agreement", agreement?.rawValue ?? ""), ("from", days.from), ("to", days.to),
            ("max_score", maxScore.map { String($0) } ?? ""), ("on", dayOfYear?.text ?? ""),
        ]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0)=" + FormEncoding.encode($0.1) }
        let filters = others + (favouritesOnly ? ["favourite=true"] : [])
        sort = order == .uploaded ? nil : order.rawValue
        let inOrder = OrderSwitch.parameters(order) + filters
        olderURL = page.next.map { OrderSwitch.url("/images", [OrderSwitch.nextPage($0, order: order)] + inOrder) }
        newestURL = after == nil ? nil : OrderSwitch.url("/images", inOrder)
        pageURL = OrderSwitch.url("/images", (after.map { [OrderSwitch.nextPage($0, order: order)] } ?? []) + inOrder)
        favouritesURL = OrderSwitch.url("/images", OrderSwitch.parameters(order) + others + (favouritesOnly ? [] : ["favourite=true"]))
        orders = OrderSwitch(path: "/images", parameters: filters, current: order).links
    }

    /// "14 July".
    static func name(_ day: DayOfYear) -> String {
        "\(day.day) " + Section.monthName(day.month)
    }
}
