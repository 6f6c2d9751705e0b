/// The other way round: for one label of the owner's, the pictures without a label of theirs that it is suggested
/// for ("Pictures that may be Chelsea"), to label many at once.
extension SuggestLabelsUseCase {
    /// Pictures listed at most, and by default (as many as one call of ``UpdateImageUseCase/label(userID:imageIDs:as:)``
    /// labels at most).
    public static let candidateLimitRange = 1...UpdateImageUseCase.maxLabelledAtOnce
    public static let defaultCandidateLimit = 20

    /// A picture without the owner's label and the suggestion of the asked label for it.
    public struct Candidate: Equatable, Sendable {
        public var summary: ImageSummary
        public var suggestion: LabelSuggestion
    }

    public struct Candidates: Equatable, Sendable {
        /// As the owner wrote it on their newest picture with it (as asked when none has it).
        public var label: String
        /// The owner's pictures with this label.
        public var labelled: Int
        /// Best first (then newest), at most the limit.
        public var items: [Candidate]
        /// All the pictures it is suggested for.
        public var total: Int
    }

    /// The user's active pictures without a label of theirs for which `label` is among the suggestions (as a
    /// picture's page would suggest it), best first, then newest; `validation` for a label the owner could not
    /// give (field `label`) or a limit out of range (field `limit`). Reads every active picture's current
    /// predictions in one statement and compares them in memory.
    public func candidates(userID: Int64, label: String, limit: Int = defaultCandidateLimit) throws -> Candidates {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        try ImageRules.require(ImageRules.check(userLabel: label))
        guard Self.candidateLimitRange.contains(limit) else {
            throw DomainError.invalid(
                "limit", "Must be an integer from \(Self.candidateLimitRange.lowerBound) to \(Self.candidateLimitRange.upperBound)."
            )
        }
        return try unitOfWork.read { repositories in
            let pictures = try repositories.images.currentScores(userID: userID)
            let found = Self.candidates(for: label, among: pictures)
            let shown = found.suggested.prefix(limit)
            let summaries = try repositories.images.summaries(ids: shown.map(\.imageID), userID: userID)
            let byID = Dictionary(summaries.map { ($0.image.id, $0) }, uniquingKeysWith: { first, _ in first })
            return Candidates(
                label: found.labelled.last?.userLabel ?? label, labelled: found.labelled.count,
                items: shown.compactMap { found in byID[found.imageID].map { Candidate(summary: $0, suggestion: found.suggestion) } },
                total: found.suggested.count
            )
        }
    }

    /// Of `pictures` (one account's), those with the owner's `label` (compared as ``ImageRules/sameLabel(_:_:)``) in
    /// the given order, and those without a label of the owner's for which ``vote(_:)`` of their ``nearest(to:among:)``
    /// suggests it, with that suggestion, best first, then newest. The similarities of each picture to the labelled
    /// ones are summed through an index by label (for each of its labels, the labelled pictures that have it, with
    /// their scores): the same sums as ``similarity(_:_:)``, without visiting a labelled picture that shares nothing.
    public static func candidates(
        for label: String, among pictures: [PictureScores]
    ) -> (labelled: [PictureScores], suggested: [(imageID: Int64, suggestion: LabelSuggestion)]) {
        let labelled = pictures.filter { $0.userLabel != nil }
        let withLabel = labelled.filter { ImageRules.sameLabel($0.userLabel ?? "", label) }
        guard !withLabel.isEmpty else { return ([], []) }
        // A picture sharing no label with any picture of this label cannot have one of them among its nearest.
        let keysOfLabel = Set(withLabel.flatMap(\.scores.keys))
        var byKey: [String: [(index: Int, score: Double)]] = [:]
        for (index, picture) in labelled.enumerated() {
            for (key, score) in picture.scores { byKey[key, default: []].append((index, score)) }
        }
        var sums = [Double](repeating: 0, count: labelled.count)
        var isTouched = [Bool](repeating: false, count: labelled.count)
        var touched: [Int] = []
        var suggested: [(imageID: Int64, suggestion: LabelSuggestion)] = []
        for picture in pictures where picture.userLabel == nil && picture.scores.keys.contains(where: keysOfLabel.contains) {
            for (key, score) in picture.scores {
                for entry in byKey[key] ?? [] {
                    if !isTouched[entry.index] {
                        isTouched[entry.index] = true
                        touched.append(entry.index)
                    }
                    sums[entry.index] += min(score, entry.score)
                }
            }
            let found = touched.map { index in
                LabelledNeighbour(imageID: labelled[index].imageID, label: labelled[index].userLabel ?? "", similarity: sums[index])
            }
            for index in touched { (sums[index], isTouched[index]) = (0, false) }
            touched.removeAll(keepingCapacity: true)
            if let suggestion = vote(nearest(found)).first(where: { ImageRules.sameLabel($0.label, label) }) {
                suggested.append((picture.imageID, suggestion))
            }
        }
        suggested.sort { ($1.suggestion.score, $1.imageID) < ($0.suggestion.score, $0.imageID) }
        return (withLabel, suggested)
    }
}
