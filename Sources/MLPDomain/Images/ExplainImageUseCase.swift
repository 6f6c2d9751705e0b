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

/// Explains a stored picture's classification: ``ImageExplanation``.
public struct ExplainImageUseCase: Sendable {
    /// Grid sizes accepted: `grid × grid` cells cost `grid² + 1` runs of the model.
    public static let gridRange = 2...10
    public static let defaultGrid = 7

    let unitOfWork: any UnitOfWork
    let classifier: any ImageClassifier

    public init(unitOfWork: any UnitOfWork, classifier: any ImageClassifier) {
        self.unitOfWork = unitOfWork
        self.classifier = classifier
    }

    /// Explains the picture `imageID` of `userID`, for the class `classIndex` (nil: the model's most likely
    /// class) by the model `model` (nil: the model of the picture's current labels when it is loaded, else the
    /// default). Nothing is stored. `notFound`, `validation` (fields `grid`, `class_index`, `model`),
    /// `unavailable` (the model busy, or another explanation running).
    public func execute(
        userID: Int64, imageID: Int64, model: String? = nil, classIndex: Int? = nil, grid: Int = defaultGrid
    ) throws -> ImageExplanation {
        var errors = ImageRules.check(topK: ImageRules.defaultTopK, model: model)
        if !Self.gridRange.contains(grid) {
            errors.append(.init(field: "grid", message: "Must be an integer from \(Self.gridRange.lowerBound) to \(Self.gridRange.upperBound)."))
        }
        if let classIndex, classIndex < 0 {
            errors.append(.init(field: "class_index", message: "Must be the index of one of the model's classes (0 or more)."))
        }
        try ImageRules.require(errors)
        let stored = try unitOfWork.read { repositories -> (ImageContent, [Prediction])? in
            guard let content = try repositories.images.content(id: imageID, userID: userID, variant: .original) else { return nil }
            return (content, try repositories.predictions.current(imageID: imageID))
        }
        guard let (content, current) = stored else { throw DomainError.imageNotFound }
        let loaded = Set(classifier.models.map(\.name))
        let chosen = model ?? current.first.map(\.model.name).flatMap { loaded.contains($0) ? $0 : nil }
        return try classifier.explain(content.bytes, model: chosen, classIndex: classIndex, grid: grid)
    }
}
