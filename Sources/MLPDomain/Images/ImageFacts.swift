/// What an image file is, read from its header: format (by magic bytes) and displayed size.
public struct ImageFacts: Equatable, Sendable {
    /// `image/jpeg` or `image/png`.
    public var contentType: String
    public var width: Int
    public var height: Int

    public init(contentType: String, width: Int, height: Int) {
        self.contentType = contentType
        self.width = width
        self.height = height
    }
}
