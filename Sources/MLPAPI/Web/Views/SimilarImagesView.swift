import MLPDomain

/// `/images/:id/similar`: the picture, then the user's pictures most like it by their current labels.
struct SimilarImagesView {
    /// One tile, as in the gallery, with how much its labels overlap.
    struct Item {
        let detailURL: String
        let thumbnailURL: String
        let title: String
        let hasTitle: Bool
        let topLabel: String?
        let similarity: ScoreView
    }

    let id: Int64
    let displayTitle: String
    let thumbnailURL: String
    let topLabel: String?
    let items: [Item]
    let isEmpty: Bool

    init(_ details: ImageDetails, similar: [SimilarImage]) {
        id = details.image.id
        displayTitle = details.image.title ?? "Untitled picture"
        thumbnailURL = ImagePages.thumbnailURL(details.image.id)
        topLabel = details.predictions.first?.label
        items = similar.map { found in
            let image = found.summary.image
            return Item(
                detailURL: "/images/\(image.id)", thumbnailURL: ImagePages.thumbnailURL(image.id),
                title: image.title ?? "Untitled picture", hasTitle: image.title != nil,
                topLabel: found.summary.topPrediction?.label, similarity: ScoreView(found.similarity)
            )
        }
        isEmpty = similar.isEmpty
    }
}
