/// A picture's current predictions as label → score, and its owner's label: what label suggestions compare.
public struct PictureScores: Equatable, Sendable {
    public var imageID: Int64
    /// The owner's label, if they gave one.
    public var userLabel: String?
    /// Keyed by ``ImageRules/labelKey(_:)``; a label twice in one set (a model with repeated class names) keeps
    /// its higher score.
    public var scores: [String: Double]

    public init(imageID: Int64, userLabel: String?, predictions: [(label: String, score: Double)]) {
        self.init(imageID: imageID, userLabel: userLabel, keyedPredictions: predictions.map { (ImageRules.labelKey($0.label), $0.score) })
    }

    /// With the labels already keyed by ``ImageRules/labelKey(_:)`` (a reader of many pictures keys each label once).
    public init(imageID: Int64, userLabel: String?, keyedPredictions: [(key: String, score: Double)]) {
        self.imageID = imageID
        self.userLabel = userLabel
        scores = Dictionary(keyedPredictions.map { ($0.key, $0.score) }, uniquingKeysWith: max)
    }
}

/// One of the owner's pictures with a label of theirs, found near another picture by what the model says of both.
public struct LabelledNeighbour: Equatable, Sendable {
    public var imageID: Int64
    /// The owner's label of this picture.
    public var label: String
    /// ``SuggestLabelsUseCase/similarity(_:_:)`` of the two pictures.
    public var similarity: Double

    public init(imageID: Int64, label: String, similarity: Double) {
        self.imageID = imageID
        self.label = label
        self.similarity = similarity
    }
}

/// A label of the owner's own suggested for a picture: the model sees the picture as it saw the owner's pictures
/// with that label.
public struct LabelSuggestion: Equatable, Sendable {
    /// As the owner wrote it on the most similar of those pictures.
    public var label: String
    /// The label's share of the similarity of the nearest labelled pictures, which counts as at least 1: 0 to 1.
    public var score: Double
    /// The owner's pictures with this label among the nearest, most similar first: why it is suggested.
    public var pictures: [LabelledNeighbour]

    public init(label: String, score: Double, pictures: [LabelledNeighbour]) {
        self.label = label
        self.score = score
        self.pictures = pictures
    }
}

/// Suggests the owner's own labels for a picture from the pictures they labelled: the labelled pictures whose
/// current predictions overlap most with this one's vote, each with its similarity. The model's labels are
/// ImageNet's; the owner's are theirs ("Chelsea", "my desk"), and this carries them over to pictures the model
/// sees alike. Nothing is trained or stored: every suggestion follows from the labels as they are now.
public struct SuggestLabelsUseCase: Sendable {
    /// Labelled pictures that vote, at most: the nearest.
    public static let neighbours = 10
    /// Below this overlap a labelled picture does not vote: sharing a minor label says little.
    public static let minimumSimilarity = 0.2
    /// Suggestions below this score are left out.
    public static let minimumScore = 0.3
    /// Suggestions given at most.
    public static let maxSuggestions = 3

    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// The picture's details (without bytes) and the labels suggested for it, best first; `notFound` as for
    /// ``GetImageUseCase/execute(userID:imageID:includeBytes:)``.
    public func execute(userID: Int64, imageID: Int64) throws -> (details: ImageDetails, suggestions: [LabelSuggestion]) {
        try unitOfWork.read { repositories in
            let details = try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
            return (details, try Self.suggestions(imageID: imageID, predictions: details.predictions, userID: userID, from: repositories))
        }
    }

    /// The labels suggested for the user's picture `imageID` whose current predictions the caller has read already
    /// (a picture's page).
    public func suggestions(imageID: Int64, predictions: [Prediction], userID: Int64) throws -> [LabelSuggestion] {
        try unitOfWork.read { try Self.suggestions(imageID: imageID, predictions: predictions, userID: userID, from: $0) }
    }

    private static func suggestions(
        imageID: Int64, predictions: [Prediction], userID: Int64, from repositories: any Repositories
    ) throws -> [LabelSuggestion] {
        let picture = PictureScores(imageID: imageID, userLabel: nil, predictions: predictions.map { ($0.label, $0.score) })
        guard !picture.scores.isEmpty else { return [] }
        let labelled = try repositories.images.labelledScores(
            sharingLabelsWith: predictions.map(\.label), excluding: imageID, userID: userID
        )
        return vote(nearest(to: picture, among: labelled))
    }

    /// The overlap of two pictures' predictions: the sum over the labels they share of the lower score (histogram
    /// intersection; 0 to 1 for probabilities, 0 when no label is shared).
    public static func similarity(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        return small.reduce(0) { sum, entry in large[entry.key].map { sum + min($0, entry.value) } ?? sum }
    }

    /// The labelled pictures among `labelled` (other than the picture itself) at least ``minimumSimilarity`` alike
    /// to it, most similar first (then newest), at most ``neighbours``.
    public static func nearest(to picture: PictureScores, among labelled: [PictureScores]) -> [LabelledNeighbour] {
        nearest(labelled.compactMap { other in
            guard other.imageID != picture.imageID, let label = other.userLabel else { return nil }
            return LabelledNeighbour(imageID: other.imageID, label: label, similarity: similarity(picture.scores, other.scores))
        })
    }

    /// Of these labelled pictures with their similarity to one picture, those at least ``minimumSimilarity`` alike,
    /// most similar first (then newest), at most ``neighbours``.
    static func nearest(_ found: [LabelledNeighbour]) -> [LabelledNeighbour] {
        Array(found.filter { $0.similarity >= minimumSimilarity }.sorted { ($1.similarity, $1.imageID) < ($0.similarity, $0.imageID) }
            .prefix(neighbours))
    }

    /// The suggestions of these neighbours: each label (compared as ``ImageRules/sameLabel(_:_:)``) scores the sum
    /// of its pictures' similarities over the sum of all, the latter counted as at least 1, so that one picture
    /// alike in a fifth of what the model says is not a certainty. Best first (ties: the more similar picture),
    /// those scoring at least ``minimumScore``, at most ``maxSuggestions``.
    public static func vote(_ neighbours: [LabelledNeighbour]) -> [LabelSuggestion] {
        let nearest = neighbours.sorted { ($1.similarity, $1.imageID) < ($0.similarity, $0.imageID) }
        var groups: [(label: String, weight: Double, pictures: [LabelledNeighbour])] = []
        for neighbour in nearest where neighbour.similarity > 0 {
            if let index = groups.firstIndex(where: { ImageRules.sameLabel($0.label, neighbour.label) }) {
                groups[index].weight += neighbour.similarity
                groups[index].pictures.append(neighbour)
            } else {
                groups.append((neighbour.label, neighbour.similarity, [neighbour]))
            }
        }
        let total = max(1, groups.reduce(0) { $0 + $1.weight })
        // Stable: groups are in the order of their most similar picture, which breaks ties of weight.
        let ranked = groups.enumerated().sorted { ($1.element.weight, $0.offset) < ($0.element.weight, $1.offset) }.map(\.element)
        return ranked.map { LabelSuggestion(label: $0.label, score: min(1, $0.weight / total), pictures: $0.pictures) }
            .filter { $0.score >= minimumScore }
            .prefix(maxSuggestions).map { $0 }
    }
}
