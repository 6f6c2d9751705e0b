import Foundation
import MLPDomain

/// The gallery: one page of thumbnails with the best label and its score, newest first.
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
        let uploaded: String
        /// Whether it is the cover of the album whose page shows it.
        var isCover = false

        /// The tile of a listed picture (also on the similar-pictures and duplicates pages).
        init(_ summary: ImageSummary) {
            let image = summary.image
            id = image.id
            detailURL = "/images/\(image.id)"
            thumbnailURL = ImagePages.thumbnailURL(image.id)
            title = image.title ?? "Untitled picture"
            hasTitle = image.title != nil
            topLabel = summary.topPrediction?.label
            score = summary.topPrediction.map { ScoreView($0.score) }
            userLabel = image.userLabel
            uploaded = AccountPages.day(image.createdAt)
        }
    }

    let items: [Item]
    /// What the search box holds: words of a title or a label.
    let query: String
    let isFiltered: Bool
    let isEmpty: Bool
    /// Link to the next (older) page, nil on the last page.
    let olderURL: String?
    /// Link back to the newest page, when not on it.
    let newestURL: String?

    /// The label the pictures are filtered by (exactly), if any.
    let label: String?
    /// What the agreement filter keeps, and what to say when it keeps nothing; nil without the filter.
    let agreementNote: String?
    let agreementEmpty: String?
    /// The pictures without the owner's label are shown and there are some: offer to label them one by one.
    let labelOneByOne: Bool

    init(page: ListImagesUseCase.Page, query: String, label: String, agreement: AgreementFilter? = nil, isFirstPage: Bool) {
        items = page.items.map(Item.init)
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
        let filters = [("label", label), ("q", query), ("agreement", agreement?.rawValue ?? "")].filter { !$0.1.isEmpty }
            .map { "\($0.0)=" + FormEncoding.encode($0.1) }
        olderURL = page.nextBeforeID.map { (["before=\($0)"] + filters).joined(separator: "&") }.map { "/images?" + $0 }
        newestURL = isFirstPage ? nil : "/images" + (filters.isEmpty ? "" : "?" + filters.joined(separator: "&"))
    }
}
