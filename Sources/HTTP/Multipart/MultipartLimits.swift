/// Caps applied while parsing a `multipart/form-data` body; the total body size is capped before parsing.
public struct MultipartLimits: Sendable, Equatable {
    /// The most parts a body may hold.
    public var maxParts: Int
    /// The most bytes the header block of one part may take, blank line included.
    public var maxHeaderBytes: Int
    /// The most bytes the body of one part may take.
    public var maxPartBytes: Int

    /// Defaults fit an upload form: a file and a few text fields.
    public init(maxParts: Int = 20, maxHeaderBytes: Int = 8 * 1024, maxPartBytes: Int = 25 * 1024 * 1024) {
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.maxPartBytes = maxPartBytes
    }
}
