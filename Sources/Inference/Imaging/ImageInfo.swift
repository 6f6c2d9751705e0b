/// Format and displayed size of an image, read from its header only.
public struct ImageInfo: Sendable, Equatable {
    /// Container format, from the magic bytes.
    public let format: ImageFormat
    /// Width as displayed (for JPEG, after the Exif orientation is applied).
    public let width: Int
    /// Height as displayed (for JPEG, after the Exif orientation is applied).
    public let height: Int
    /// When the picture was taken, as a JPEG's Exif says; nil when it does not (and for PNG).
    public let captureTime: EXIFCaptureTime?

    /// Creates an info value.
    public init(format: ImageFormat, width: Int, height: Int, captureTime: EXIFCaptureTime? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.captureTime = captureTime
    }
}
