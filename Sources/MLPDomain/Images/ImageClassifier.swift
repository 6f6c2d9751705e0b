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
    /// Like ``classify(_:model:topK:)``, plus the thumbnail `thumbnail` asks for made from the same decoded
    /// pixels (an upload is then decoded once, not twice). A nil thumbnail means this classifier does not make
    /// them: the caller asks its ``ImageProcessor``. The default classifies only.
    func classify(_ bytes: [UInt8], model: String?, topK: Int, thumbnail: ThumbnailRequest) throws
        -> (classification: ImageClassification, thumbnail: [UInt8]?)
    /// Where the model `model` (nil: the default) sees the class `classIndex` (nil: its most likely class) in an
    /// encoded image, on a `grid`×`grid` grid (``ImageExplanation``). Throws as ``classify(_:model:topK:)``, and
    /// `validation` (field `class_index`) for an index the model does not have; `unavailable` also while another
    /// explanation runs (they take `grid² + 1` runs of the model, so one runs at a time).
    func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation
}

/// The thumbnail made at upload: a JPEG whose longest side is at most `longestSide`.
public struct ThumbnailRequest: Equatable, Sendable {
    public var longestSide: Int
    /// JPEG quality, 1...100.
    public var quality: Int

    public init(longestSide: Int, quality: Int) {
        self.longestSide = longestSide
        self.quality = quality
    }
}

extension ImageClassifier {
    public func classify(_ bytes: [UInt8], model: String?, topK: Int, thumbnail: ThumbnailRequest) throws
        -> (classification: ImageClassification, thumbnail: [UInt8]?)
    {
        (try classify(bytes, model: model, topK: topK), nil)
    }

    /// The model used when a request names none.
    public var defaultModel: ModelDescriptor? { models.first(where: \.isDefault) ?? models.first }
}
