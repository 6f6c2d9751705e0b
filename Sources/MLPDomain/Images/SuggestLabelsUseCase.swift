/// One of the owner's pictures with a label of theirs, found near another picture by what the model says of both.
public struct LabelledNeighbour: Equatable, Sendable {
    public var imageID: Int64
    /// The owner's label of this picture.
    public var label: String
    /// The overlap of the two pictures' current predictions (``ImageRepository/similar(to:excluding:userID:limit:)``).
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
        // A label twice in one set (a model with repeated class names) counts with its higher score, as for similar.
        let scores = Dictionary(predictions.map { ($0.label.lowercased(), $0.score) }, uniquingKeysWith: max)
        guard !scores.isEmpty else { return [] }
        let near = try repositories.images.labelledNeighbours(
            to: scores, excluding: imageID, userID: userID, minimumSimilarity: minimumSimilarity, limit: neighbours
        )
        return vote(near)
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
