import MLPDomain

/// The labels page: what the model found in the user's pictures, each label a link to its pictures.
struct LabelsView {
    /// One label.
    struct Row {
        let label: String
        let url: String
        let images: Int
        let topImages: Int
        let best: ScoreView
    }

    /// The table (a struct, so that the template's section shows once around it).
    struct Table {
        let rows: [Row]
    }

    /// The gallery of the user's pictures with exactly this label.
    static func galleryURL(_ label: String) -> String { "/images?label=" + FormEncoding.encode(label) }

    /// How often one model agrees with the user's own labels.
    struct Agreement {
        let model: String
        let labelled: Int
        let top: ScoreView
        let topMatches: Int
        let any: ScoreView
        let anyMatches: Int
    }

    /// The agreement table (a struct, so that the template's section shows once around it).
    struct Agreements {
        let rows: [Agreement]
    }

    /// One of the user's own labels, leading to the pictures it is suggested for.
    struct OwnLabel {
        let label: String
        /// "1 picture", "12 pictures".
        let pictures: String
        let suggestionsURL: String
    }

    /// The user's own labels (a struct, so that the template's section shows once around them).
    struct OwnLabels {
        let rows: [OwnLabel]
    }

    let table: Table?
    /// Nil when the user labelled no picture.
    let ownLabels: OwnLabels?
    /// Nil when the user labelled no picture.
    let agreements: Agreements?
    let total: Int
    /// "The 300 most frequent of 412 labels are shown.", when not all are.
    let partial: String?

    init(_ output: ListLabelsUseCase.Output) {
        table = output.items.isEmpty ? nil : Table(rows: output.items.map {
            Row(
                label: $0.label, url: Self.galleryURL($0.label), images: $0.images, topImages: $0.topImages,
                best: ScoreView($0.bestScore)
            )
        })
        agreements = output.agreement.isEmpty ? nil : Agreements(rows: output.agreement.map {
            Agreement(
                model: "\($0.model) \($0.version)", labelled: $0.labelled,
                top: ScoreView(Double($0.topMatches) / Double(max(1, $0.labelled))), topMatches: $0.topMatches,
                any: ScoreView(Double($0.anyMatches) / Double(max(1, $0.labelled))), anyMatches: $0.anyMatches
            )
        })
        ownLabels = output.userLabels.isEmpty ? nil : OwnLabels(rows: output.userLabels.map {
            OwnLabel(
                label: $0.label, pictures: $0.images == 1 ? "1 picture" : "\($0.images) pictures",
                suggestionsURL: LabelCandidatesView.url($0.label)
            )
        })
        total = output.total
        partial = output.items.count < output.total
            ? "The \(output.items.count) most frequent of \(output.total) labels are shown." : nil
    }
}
