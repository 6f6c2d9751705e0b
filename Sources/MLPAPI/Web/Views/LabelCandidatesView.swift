import MLPDomain

/// `/labels/suggestions?label=`: the user's pictures without a label of theirs that one of their labels is
/// suggested for, each checked, to label those that are in one post.
struct LabelCandidatesView {
    /// One tile, as in the gallery, with the label's score for it and a checked box.
    struct Item {
        let tile: GalleryView.Item
        let score: ScoreView
        /// "like 3 of your pictures labelled so".
        let because: String
    }

    /// The label as the owner wrote it.
    let label: String
    let items: [Item]
    let isEmpty: Bool
    /// Whether some picture of the user's has this label (else there is nothing to compare with).
    let hasLabelled: Bool
    /// "the picture you labelled", "the 3 pictures you labelled".
    let labelledPictures: String
    /// The gallery of the pictures with this label (a search for it, which also finds it in titles).
    let labelledURL: String
    /// When there are more than the page shows: "And 12 more: …".
    let more: String?
    let button: String

    init(_ found: SuggestLabelsUseCase.Candidates) {
        label = found.label
        items = found.items.map { candidate in
            let count = candidate.suggestion.pictures.count
            return Item(
                tile: GalleryView.Item(candidate.summary), score: ScoreView(candidate.suggestion.score),
                because: "like \(count) of your pictures labelled so"
            )
        }
        isEmpty = found.items.isEmpty
        hasLabelled = found.labelled > 0
        labelledPictures = found.labelled == 1 ? "the picture you labelled" : "the \(found.labelled) pictures you labelled"
        labelledURL = "/images?q=" + FormEncoding.encode(found.label)
        more = found.total > found.items.count
            ? "And \(found.total - found.items.count) more: label these first, and the next ones come up." : nil
        button = "Label the checked pictures “\(found.label)”"
    }

    /// The page of this label's suggestions (where labelling them leads back to).
    static func url(_ label: String) -> String { "/labels/suggestions?label=" + FormEncoding.encode(label) }
}
