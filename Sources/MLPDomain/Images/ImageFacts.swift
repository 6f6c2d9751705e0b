/// What an image file is, read from its header: format (by magic bytes), displayed size, and when it was taken
/// when the file says so.
public struct ImageFacts: Equatable, Sendable {
    /// `image/jpeg` or `image/png`.
    public var contentType: String
    public var width: Int
    public var height: Int
    public var takenAt: CaptureTime?

    public init(contentType: String, width: Int, height: Int, takenAt: CaptureTime? = nil) {
        self.contentType = contentType
        self.width = width
        self.height = height
        self.takenAt = takenAt
    }
}
