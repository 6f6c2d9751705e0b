import MLPDomain

/// `/images/:id/similar`: the picture, then the user's pictures most like it by their current labels.
struct SimilarImagesView {
    /// One tile, as in the gallery, with how much its labels overlap.
    struct Item {
        let tile: GalleryView.Item
        let similarity: ScoreView
    }

    let id: Int64
    let displayTitle: String
    let thumbnailURL: String
    /// The picture's own top label (not `topLabel`: a tile without one would find this by context lookup).
    let pictureLabel: String?
    let items: [Item]
    let isEmpty: Bool

    init(_ details: ImageDetails, similar: [SimilarImage]) {
        id = details.image.id
        displayTitle = details.image.title ?? "Untitled picture"
        thumbnailURL = ImagePages.thumbnailURL(details.image.id, version: details.image.sha256)
        pictureLabel = details.predictions.first?.label
        items = similar.map { Item(tile: GalleryView.Item($0.summary), similarity: ScoreView($0.similarity)) }
        isEmpty = similar.isEmpty
    }
}
