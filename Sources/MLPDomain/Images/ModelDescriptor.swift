/// A model the classifier has loaded, as the registry and the `models` table describe it.
public struct ModelDescriptor: Equatable, Hashable, Sendable {
    public var name: String
    public var version: String
    /// Lower-case hex SHA-256 of the model file.
    public var sha256: String
    /// For example `image-classification`.
    public var task: String
    /// Used when a request names no model.
    public var isDefault: Bool
    /// Number of classes the model tells apart.
    public var classCount: Int
    /// Model input size in pixels.
    public var inputWidth: Int
    public var inputHeight: Int

    public init(
        name: String, version: String, sha256: String, task: String, isDefault: Bool, classCount: Int,
        inputWidth: Int, inputHeight: Int
    ) {
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.task = task
        self.isDefault = isDefault
        self.classCount = classCount
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
    }
}
