import Foundation

/// One class a model gave an image, as stored: rank 1 is the most likely.
public struct Prediction: Equatable, Sendable {
    public var rank: Int
    public var classIndex: Int
    public var label: String
    /// Probability in 0...1.
    public var score: Double
    public var model: ModelReference
    /// False once a later classification of the image replaced it (kept as history).
    public var isCurrent: Bool
    public var createdAt: Date

    public init(
        rank: Int, classIndex: Int, label: String, score: Double, model: ModelReference, isCurrent: Bool, createdAt: Date
    ) {
        self.rank = rank
        self.classIndex = classIndex
        self.label = label
        self.score = score
        self.model = model
        self.isCurrent = isCurrent
        self.createdAt = createdAt
    }
}

/// The stored identity of a model a prediction came from.
public struct ModelReference: Equatable, Hashable, Sendable {
    /// Row id in the `models` table.
    public var id: Int64
    public var name: String
    public var version: String

    public init(id: Int64, name: String, version: String) {
        self.id = id
        self.name = name
        self.version = version
    }
}
