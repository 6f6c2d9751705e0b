import HTTP
import MLPDomain

/// One picture: the image, its current labels with score bars, the model, and the edit and delete forms.
struct ImageDetailView {
    /// One label of the current classification.
    struct Row {
        let rank: Int
        let label: String
        let score: ScoreView
        /// The gallery of the user's pictures with this label.
        let labelURL: String
        /// Where the model sees this label in the picture (the owner's page only).
        let explanationURL: String
    }

    let id: Int64
    /// The owner's content route; on a share link's page, the link's own.
    var pictureURL: String
    /// The original as a file to save, named after the title.
    let downloadURL: String
    /// The picture as a share link sends it: without its file's metadata (where, when, with what camera).
    let downloadWithoutMetadataURL: String
    let displayTitle: String
    /// The value of the title field: what is stored, or what the user typed when it was refused.
    var title: String
    var titleError: String?
    var fileError: String?
    /// Why "Turn left" or "Turn right" did not turn the picture.
    var turnError: String?
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
    /// When it was taken, when its file says so: `iso` for `<time datetime>`, `text` as the camera's clock
    /// read ("2026-03-12 14:03"), `dayURL` the gallery of the pictures taken that day.
    let taken: Taken?

    struct Taken {
        let iso: String
        let text: String
        let dayURL: String
    }
    let historyCount: Int
    let hasHistory: Bool
    /// One of the owner's favourites.
    let favourite: Bool
    /// This page's address with the list it was opened from (`album`, `sort`): where the favourite form comes back to.
    var pageURL: String
    /// Earlier classifications, newest first (read by the page when there is history); nil when none.
    var earlier: EarlierClassifications?
    /// What the owner says the picture shows.
    let userLabel: String?
    /// The pictures without a label of the owner's that theirs is suggested for ("Pictures that may be …").
    let labelCandidatesURL: String?
    /// The value of the label field: the owner's label, or what was typed when it was refused.
    var labelValue: String
    var labelError: String?
    /// The model's top label, offered as a one-click answer while the owner has given none.
    var topLabel: String?
    /// Set when the owner is labelling pictures one by one (`?labelling=1`): saving goes on to the next one.
    var labelling: Labelling?
    /// Whether the owner's label is the model's top label (``ImageRules/sameLabel(_:_:)``).
    let modelAgrees: Bool
    /// The suggestions of the label field (a `<datalist>`): the owner's own suggested labels (``suggest(_:)``), the
    /// current labels, then the owner's other labels (``offer(userLabels:)``).
    var suggestions: [String]
    /// The owner's own labels suggested for the picture while it has none (``suggest(_:)``): one-click answers.
    var ownSuggestions: [OwnSuggestion] = []
    /// The current predictions, as the label suggestions are computed from them.
    let currentPredictions: [Prediction]

    /// A label of the owner's suggested for this picture, with why.
    struct OwnSuggestion {
        let label: String
        let score: ScoreView
        /// "1 of your pictures", "3 of your pictures".
        let pictures: String
        /// The most similar of them, and how alike the model sees the two.
        let closestURL: String
        let closestSimilarity: String
    }
    /// The "Classify again" card, when there is a reason to run a model again (set by the page).
    var classify: ClassifyAgain?
    /// The picture's share link, when it has one (read by the page).
    var share: Share?
    /// The "Albums" card: the owner's albums that hold the picture, and those it could be put in (set by the page).
    var albums: PictureAlbums?
    /// On a share link's public page (`shared.mustache`, which shows only the picture, its facts and labels):
    /// the day it was shared.
    var sharedSince: String?
    /// The way back and on to the pictures beside it (set by the page that opened it: the gallery, an album, a
    /// shared album); without it the page leads back to the gallery.
    var navigation: PictureNavigation?
    let maxTitleLength = ImageRules.maxTitleLength
    let maxLabelLength = ImageRules.maxUserLabelLength

    /// Labelling pictures one by one: the label forms say so (`next=unlabelled`), and the card offers to skip
    /// this picture or stop.
    struct Labelling {
        let skipURL: String
        let stopURL: String

        init(imageID: Int64) {
            skipURL = ImagePages.nextUnlabelledPath + "?before=\(imageID)"
            stopURL = "/images/\(imageID)"
        }
    }

    /// A share link as the page shows it.
    struct Share {
        let url: String
        let path: String
        let since: String
    }

    /// Prediction rows read for the list of earlier classifications (the current set is among them).
    static let maxHistoryRows = 200

    /// The list of earlier classifications (a struct, so that the template's section shows once around it).
    struct EarlierClassifications {
        let items: [EarlierClassification]
    }

    /// One earlier classification: when, which model, its labels with scores.
    struct EarlierClassification {
        let when: String
        let whenISO: String
        let model: String
        /// "espresso 95.4 %, cup 2.1 %, eggnog 0.8 %".
        let labels: String

        /// Consecutive rows of one classification (same time and model) become one entry, in the rows' order
        /// (``PredictionRepository/all(imageID:limit:)`` gives them in rank order within one).
        static func group(_ predictions: [Prediction]) -> EarlierClassifications? {
            var groups: [[Prediction]] = []
            for prediction in predictions {
                if let last = groups.last?.last, last.createdAt == prediction.createdAt, last.model == prediction.model {
                    groups[groups.count - 1].append(prediction)
                } else {
                    groups.append([prediction])
                }
            }
            guard !groups.isEmpty else { return nil }
            return EarlierClassifications(items: groups.map { rows in
                let first = rows[0]
                return EarlierClassification(
                    when: AccountPages.minute(first.createdAt), whenISO: ISO8601Format.string(from: first.createdAt),
                    model: "\(first.model.name) \(first.model.version)",
                    labels: rows.map { "\($0.label) \(ScoreView($0.score).percent)" }.joined(separator: ", ")
                )
            })
        }
    }

    init(_ details: ImageDetails) {
        let image = details.image
        id = image.id
        pictureURL = ImagePages.pictureURL(image.id, version: image.sha256)
        downloadURL = ImagePages.pictureURL(image.id) + "?download=true"
        downloadWithoutMetadataURL = downloadURL + "&metadata=remove"
        displayTitle = image.title ?? "Untitled picture"
        title = image.title ?? ""
        predictions = details.predictions.map {
            Row(
                rank: $0.rank, label: $0.label, score: ScoreView($0.score), labelURL: LabelsView.galleryURL($0.label),
                explanationURL: "/images/\(image.id)/explanation?class_index=\($0.classIndex)"
            )
        }
        hasPredictions = !details.predictions.isEmpty
        userLabel = image.userLabel
        labelCandidatesURL = image.userLabel.map(LabelCandidatesView.url)
        labelValue = image.userLabel ?? ""
        let top = details.predictions.first?.label
        topLabel = image.userLabel == nil ? top : nil
        modelAgrees = top.flatMap { top in image.userLabel.map { ImageRules.sameLabel($0, top) } } ?? false
        suggestions = LabelChoices.merged(details.predictions.map(\.label))
        currentPredictions = details.predictions
        modelName = details.predictions.first?.model.name
        modelVersion = details.predictions.first?.model.version
        width = image.width
        height = image.height
        contentType = image.contentType
        size = ImageDetailView.byteCount(image.byteSize)
        uploaded = AccountPages.day(image.createdAt)
        updated = AccountPages.day(image.updatedAt)
        wasUpdated = image.updatedAt > image.createdAt
        taken = image.takenAt.map { time in
            let iso = time.iso8601
            let day = iso.prefix(10)
            return Taken(iso: iso, text: day + " " + iso.dropFirst(11).prefix(5), dayURL: "/images?sort=taken&from=\(day)&to=\(day)")
        }
        historyCount = details.historyCount
        hasHistory = details.historyCount > 0
        favourite = image.favourite
        pageURL = "/images/\(image.id)"
    }

    /// Offers the owner's own labels suggested for the picture (while it has no label of theirs): each as a
    /// one-click answer, and first among the label field's suggestions. The model's top label is then offered only
    /// when it is not among them.
    mutating func suggest(_ found: [LabelSuggestion]) {
        guard userLabel == nil, !found.isEmpty else { return }
        ownSuggestions = found.map { suggestion in
            let count = suggestion.pictures.count
            let closest = suggestion.pictures[0]
            return OwnSuggestion(
                label: suggestion.label, score: ScoreView(suggestion.score),
                pictures: "\(count) of your pictures",
                closestURL: "/images/\(closest.imageID)", closestSimilarity: ScoreView(closest.similarity).percent
            )
        }
        if let top = topLabel, found.contains(where: { ImageRules.sameLabel($0.label, top) }) { topLabel = nil }
        suggestions = LabelChoices.merged(found.map(\.label), suggestions)
    }

    /// Adds the owner's labels (the words they use) to the end of the label field's suggestions.
    mutating func offer(userLabels: [String]) {
        suggestions = LabelChoices.merged(suggestions, userLabels)
    }

    /// Name and version of the model that made the current labels.
    var currentModel: (name: String, version: String)? {
        guard let modelName, let modelVersion else { return nil }
        return (modelName, modelVersion)
    }

    /// `2.4 MB`, `310 kB`, `950 bytes`.
    static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1000 { return "\(bytes / 1000) kB" }
        return "\(bytes) bytes"
    }
}
