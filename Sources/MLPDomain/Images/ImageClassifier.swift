/// One class and its probability, as a model reports it.
public struct ClassScore: Equatable, Sendable {
    public var classIndex: Int
    public var label: String
    /// Probability in 0...1.
    public var score: Double

    public init(classIndex: Int, label: String, score: Double) {
        self.classIndex = classIndex
        self.label = label
        self.score = score
    }
}

/// The top classes of one image by one model.
public struct ImageClassification: Equatable, Sendable {
    public var model: ModelDescriptor
    /// Most likely first.
    public var scores: [ClassScore]

    public init(model: ModelDescriptor, scores: [ClassScore]) {
        self.model = model
        self.scores = scores
    }
}

/// Runs image models. Implementations bound their concurrency: when every slot stays busy past the
/// allowed wait they throw `DomainError(.unavailable, retryAfterSeconds:)` instead of queueing without end.
public protocol ImageClassifier: Sendable {
    /// Every loaded model, the default marked.
    var models: [ModelDescriptor] { get }
    /// Top `topK` classes of an encoded image by the model called `model` (nil: the default).
    /// Throws `validation` (field `model`) for an unknown model, `validation` (field `image`) for a picture
    /// that cannot be decoded, `unavailable` when saturated.
    func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification
}

extension ImageClassifier {
    /// The model used when a request names none.
    public var defaultModel: ModelDescriptor? { models.first(where: \.isDefault) ?? models.first }
}
