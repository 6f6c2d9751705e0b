/// Which model to run and how many classes to keep.
public struct ClassificationRequest: Equatable, Sendable {
    /// Model name; nil means the default model.
    public var model: String?
    /// How many classes to store, 1...20.
    public var topK: Int

    public init(model: String? = nil, topK: Int = ImageRules.defaultTopK) {
        self.model = model
        self.topK = topK
    }
}
