import Synchronization

/// A rectangle of a picture in fractions of its width and height (0...1 each), from its top left corner.
public struct ImageRegion: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Where in a picture a model sees one class, found by occlusion: the part of the picture the model reads is
/// cut into a grid, each cell in turn is covered and the model runs again. A cell's drop is how much the
/// class's probability falls when that cell is covered (negative when it rises): the cells with the largest
/// drops are what the model needs to see to say the class.
public struct ImageExplanation: Equatable, Sendable {
    public var model: ModelDescriptor
    /// The class and its probability for the whole picture.
    public var score: ClassScore
    public var rows: Int
    public var columns: Int
    /// `rows × columns` drops, row by row from the top left.
    public var drops: [Double]
    /// The part of the picture the model reads (its centre crop), which the grid covers.
    public var region: ImageRegion

    public init(model: ModelDescriptor, score: ClassScore, rows: Int, columns: Int, drops: [Double], region: ImageRegion) {
        self.model = model
        self.score = score
        self.rows = rows
        self.columns = columns
        self.drops = drops
        self.region = region
    }

    /// The drops row by row.
    public var dropRows: [[Double]] {
        (0..<rows).map { Array(drops[($0 * columns)..<(($0 + 1) * columns)]) }
    }
}

/// Explanations made recently, so that looking at one again runs no model: keyed by the picture (its id and
/// digest, so a replaced picture is explained anew), the model (name and version, so a new version is too), the
/// class asked for and the grid. At most `capacity` entries (about 1 KB each), the oldest dropped first.
public final class ExplanationCache: Sendable {
    struct Key: Hashable {
        let imageID: Int64
        let sha256: String
        let model: String
        let version: String
        let classIndex: Int?
        let grid: Int
    }

    public let capacity: Int
    private let state = Mutex<(entries: [Key: ImageExplanation], order: [Key])>(([:], []))

    public init(capacity: Int = 256) {
        self.capacity = max(0, capacity)
    }

    func explanation(for key: Key) -> ImageExplanation? {
        state.withLock { $0.entries[key] }
    }

    func store(_ explanation: ImageExplanation, for key: Key) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.updateValue(explanation, forKey: key) == nil { state.order.append(key) }
            while state.order.count > capacity {
                state.entries[state.order.removeFirst()] = nil
            }
        }
    }
}

/// Explains a stored picture's classification: ``ImageExplanation``.
public struct ExplainImageUseCase: Sendable {
    /// Grid sizes accepted: `grid × grid` cells cost `grid² + 1` runs of the model.
    public static let gridRange = 2...10
    public static let defaultGrid = 7
    /// What a `grid` must be.
    public static let gridRule = "Must be an integer from \(gridRange.lowerBound) to \(gridRange.upperBound)."

    /// The model that explains a picture when the request names none: the model of its current labels while that
    /// is loaded (a `class_index` from its predictions then means what they say); nil, the default model, else.
    public static func modelOfLabels(_ current: [Prediction], loaded: [ModelDescriptor]) -> String? {
        current.first.map(\.model.name).flatMap { name in loaded.contains { $0.name == name } ? name : nil }
    }

    let unitOfWork: any UnitOfWork
    let classifier: any ImageClassifier
    let cache: ExplanationCache?

    /// `cache` nil: every request runs the model.
    public init(unitOfWork: any UnitOfWork, classifier: any ImageClassifier, cache: ExplanationCache? = ExplanationCache()) {
        self.unitOfWork = unitOfWork
        self.classifier = classifier
        self.cache = cache
    }

    /// Explains the picture `imageID` of `userID`, for the class `classIndex` (nil: the model's most likely
    /// class) by the model `model` (nil: the model of the picture's current labels when it is loaded, else the
    /// default). Nothing is stored in the database; the ``ExplanationCache`` answers a request it has seen for
    /// the same picture and model. `notFound`, `validation` (fields `grid`, `class_index`, `model`), `unavailable`
    /// (the model busy, or another explanation running).
    public func execute(
        userID: Int64, imageID: Int64, model: String? = nil, classIndex: Int? = nil, grid: Int = defaultGrid
    ) throws -> ImageExplanation {
        var errors = ImageRules.check(topK: ImageRules.defaultTopK, model: model)
        if !Self.gridRange.contains(grid) {
            errors.append(.init(field: "grid", message: Self.gridRule))
        }
        if let classIndex, classIndex < 0 {
            errors.append(.init(field: "class_index", message: "Must be the index of one of the model's classes (0 or more)."))
        }
        try ImageRules.require(errors)
        let stored = try unitOfWork.read { repositories -> (Image, [Prediction])? in
            guard let image = try repositories.images.find(id: imageID, userID: userID) else { return nil }
            return (image, try repositories.predictions.current(imageID: imageID))
        }
        guard let (image, current) = stored else { throw DomainError.imageNotFound }
        let loaded = classifier.models
        let chosen = model ?? Self.modelOfLabels(current, loaded: loaded)
        func key(_ sha256: String, _ model: ModelDescriptor) -> ExplanationCache.Key {
            ExplanationCache.Key(
                imageID: imageID, sha256: sha256, model: model.name, version: model.version, classIndex: classIndex, grid: grid
            )
        }
        if let cache, let descriptor = loaded.first(where: { chosen == nil ? $0.isDefault : $0.name == chosen }),
           let known = cache.explanation(for: key(image.sha256, descriptor))
        {
            return known
        }
        let content = try unitOfWork.read { try $0.images.content(id: imageID, userID: userID, variant: .original) }
        guard let content else { throw DomainError.imageNotFound }
        let explanation = try classifier.explain(content.bytes, model: chosen, classIndex: classIndex, grid: grid)
        // Under the digest of the bytes explained: the picture may have been replaced since the first read.
        cache?.store(explanation, for: key(content.sha256, explanation.model))
        return explanation
    }
}
