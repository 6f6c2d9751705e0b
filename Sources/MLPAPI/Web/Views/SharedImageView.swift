import MLPDomain

/// The public page of a share link: the picture, its title and current labels; nothing of its owner.
struct SharedImageView {
    struct Row {
        let label: String
        let score: ScoreView
    }

    let pictureURL: String
    let displayTitle: String
    let width: Int
    let height: Int
    let contentType: String
    let size: String
    let shared: String
    let predictions: [Row]
    let hasPredictions: Bool
    let modelName: String?
    let modelVersion: String?

    init(_ details: ImageDetails, token: String, sharedAt: String) {
        let image = details.image
        pictureURL = ShareLink.path(token) + "/content"
        displayTitle = image.title ?? "Untitled picture"
        width = image.width
        height = image.height
        contentType = image.contentType
        size = ImageDetailView.byteCount(image.byteSize)
        shared = sharedAt
        predictions = details.predictions.map { Row(label: $0.label, score: ScoreView($0.score)) }
        hasPredictions = !details.predictions.isEmpty
        modelName = details.predictions.first?.model.name
        modelVersion = details.predictions.first?.model.version
    }
}
