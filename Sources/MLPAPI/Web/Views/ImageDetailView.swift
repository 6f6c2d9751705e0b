import MLPDomain

/// One picture: the image, its current labels with score bars, the model, and the edit and delete forms.
struct ImageDetailView {
    /// One label of the current classification.
    struct Row {
        let rank: Int
        let label: String
        let score: ScoreView
    }

    let id: Int64
    let pictureURL: String
    /// The original as a file to save, named after the title.
    let downloadURL: String
    let displayTitle: String
    /// The value of the title field: what is stored, or what the user typed when it was refused.
    var title: String
    var titleError: String?
    var fileError: String?
    let predictions: [Row]
    let hasPredictions: Bool
    let modelName: String?
    let modelVersion: String?
    let width: Int
    let height: Int
    let contentType: String
    let size: String
    let uploaded: String
    let updated: String
    let wasUpdated: Bool
    let historyCount: Int
    let hasHistory: Bool
    let maxTitleLength = ImageRules.maxTitleLength

    init(_ details: ImageDetails) {
        let image = details.image
        id = image.id
        pictureURL = ImagePages.pictureURL(image.id)
        downloadURL = ImagePages.pictureURL(image.id) + "?download=true"
        displayTitle = image.title ?? "Untitled picture"
        title = image.title ?? ""
        predictions = details.predictions.map { Row(rank: $0.rank, label: $0.label, score: ScoreView($0.score)) }
        hasPredictions = !details.predictions.isEmpty
        modelName = details.predictions.first?.model.name
        modelVersion = details.predictions.first?.model.version
        width = image.width
        height = image.height
        contentType = image.contentType
        size = ImageDetailView.byteCount(image.byteSize)
        uploaded = AccountPages.day(image.createdAt)
        updated = AccountPages.day(image.updatedAt)
        wasUpdated = image.updatedAt > image.createdAt
        historyCount = details.historyCount
        hasHistory = details.historyCount > 0
    }

    /// `2.4 MB`, `310 kB`, `950 bytes`.
    static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1000 { return "\(bytes / 1000) kB" }
        return "\(bytes) bytes"
    }
}
