import Foundation

/// How well a model names what owners say their pictures show (``Image/userLabel``): the model runs on every
/// labelled picture without storing anything, and its top label and top-k are compared with the owner's label
/// (ignoring case and accents, as the database compares them), next to the same counts for the pictures'
/// current predictions. For an administrator deciding whether a model (an imported one, say) should become the
/// default or re-classify the pictures.
public struct EvaluateModelUseCase: Sendable {
    /// An owner's label and the model's different top label, with how many pictures had that pair.
    public struct Mismatch: Equatable, Sendable {
        public var said: String
        public var predicted: String
        public var count: Int

        public init(said: String, predicted: String, count: Int) {
            self.said = said
            self.predicted = predicted
            self.count = count
        }
    }

    public struct Output: Equatable, Sendable {
        /// The model that ran, as "name version".
        public var model: String
        /// Labelled pictures the model ran on.
        public var evaluated: Int
        /// Labelled pictures it could not run on (their messages in `failures`).
        public var failed: Int
        /// Pictures whose top label from the model is the owner's label.
        public var topMatches: Int
        /// Pictures with the owner's label among the model's top k.
        public var anyMatches: Int
        /// The same two counts for the evaluated pictures' current predictions.
        public var currentTopMatches: Int
        public var currentAnyMatches: Int
        /// The most frequent disagreements on the top label, most frequent first (at most 10).
        public var mismatches: [Mismatch]
        /// "image 12: <why>", one per failed picture.
        public var failures: [String]
    }

    /// Labelled pictures read per statement.
    static let page = 1000

    let unitOfWork: any UnitOfWork
    let classifier: any ImageClassifier

    public init(unitOfWork: any UnitOfWork, classifier: any ImageClassifier) {
        self.unitOfWork = unitOfWork
        self.classifier = classifier
    }

    /// The labelled pictures of `userID` (nil: every account) that are not deleted, as (id, label), by id; at
    /// most `limit` when given.
    public func labelled(userID: Int64?, limit: Int? = nil) throws -> [(id: Int64, label: String)] {
        var found: [(id: Int64, label: String)] = []
        while limit.map({ found.count < $0 }) ?? true {
            let size = min(Self.page, limit.map { $0 - found.count } ?? Self.page)
            let page = try unitOfWork.read { try $0.images.labelled(userID: userID, afterID: found.last?.id ?? 0, limit: size) }
            found += page
            if page.count < size { break }
        }
        return found
    }

    /// Runs `model` (nil: the default) with `topK` on each of `pictures`; `progress` is called after each.
    /// `validation` (field `model` or `top_k`) before anything runs.
    public func execute(
        model: String?, topK: Int = ImageRules.defaultTopK, pictures: [(id: Int64, label: String)],
        progress: (Int) -> Void = { _ in }
    ) throws -> Output {
        try ImageRules.require(ImageRules.check(topK: topK, model: model))
        let loaded = classifier.models
        guard let descriptor = model.map({ name in loaded.first { $0.name == name } }) ?? loaded.first(where: \.isDefault) else {
            throw DomainError.invalid("model", "No model named '\(model ?? "")' is loaded.")
        }
        var output = Output(
            model: "\(descriptor.name) \(descriptor.version)", evaluated: 0, failed: 0, topMatches: 0, anyMatches: 0,
            currentTopMatches: 0, currentAnyMatches: 0, mismatches: [], failures: []
        )
        var pairs: [String: Mismatch] = [:]
        for (index, picture) in pictures.enumerated() {
            defer { progress(index + 1) }
            do {
                let read = try unitOfWork.read { repositories in
                    (try repositories.images.content(id: picture.id, userID: nil, variant: .original),
                     try repositories.predictions.current(imageID: picture.id))
                }
                guard let content = read.0 else { continue }  // deleted meanwhile
                let scores = try classifier.classify(content.bytes, model: descriptor.name, topK: topK).scores
                output.evaluated += 1
                if let top = scores.first {
                    if ImageRules.sameLabel(top.label, picture.label) {
                        output.topMatches += 1
                    } else {
                        let key = picture.label.lowercased() + "\u{0}" + top.label
                        pairs[key, default: Mismatch(said: picture.label, predicted: top.label, count: 0)].count += 1
                    }
                }
                if scores.contains(where: { ImageRules.sameLabel($0.label, picture.label) }) { output.anyMatches += 1 }
                if let current = read.1.first(where: { $0.rank == 1 }), ImageRules.sameLabel(current.label, picture.label) {
                    output.currentTopMatches += 1
                }
                if read.1.contains(where: { ImageRules.sameLabel($0.label, picture.label) }) { output.currentAnyMatches += 1 }
            } catch let error as DomainError where error.code != .validation {
                output.failed += 1
                output.failures.append("image \(picture.id): \(error.message)")
            }
        }
        output.mismatches = Array(pairs.values.sorted { ($1.count, $0.said, $0.predicted) < ($0.count, $1.said, $1.predicted) }.prefix(10))
        return output
    }
}
