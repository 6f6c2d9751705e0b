/// One predicted class with its probability.
public struct Classification: Sendable, Equatable, Codable {
    /// Index into the model's labels.
    public let classIndex: Int
    /// Class name.
    public let label: String
    /// Probability in 0...1 (softmax of the logits).
    public let score: Float

    /// Creates a classification.
    public init(classIndex: Int, label: String, score: Float) {
        self.classIndex = classIndex
        self.label = label
        self.score = score
    }
}
