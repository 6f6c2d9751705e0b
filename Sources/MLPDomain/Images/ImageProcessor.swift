/// Reads image headers and makes thumbnails; the format is decided by magic bytes only.
public protocol ImageProcessor: Sendable {
    /// Largest accepted file in bytes.
    var maxBytes: Int { get }
    /// Format and size from the header, limits checked before any decoding: `unsupportedMediaType` when
    /// the bytes are not a supported image, `tooLarge` over ``maxBytes``, `validation` (field `image`) for
    /// an empty file or a pixel count or side over the caps.
    func inspect(_ bytes: [UInt8]) throws -> ImageFacts
    /// A JPEG whose longest side is at most `longestSide`; `validation` (field `image`) when the picture is
    /// truncated or corrupt.
    func thumbnail(_ bytes: [UInt8], longestSide: Int) throws -> [UInt8]
    /// JPEG quality of the thumbnails it makes (also asked of a classifier that makes them, see
    /// ``ImageClassifier/classify(_:model:topK:thumbnail:)``).
    var thumbnailQuality: Int { get }
    /// The picture without what its file says besides the pixels (Exif with its GPS position and camera,
    /// XMP, IPTC, comments, text chunks, embedded thumbnails, data after the image), except the orientation;
    /// it shows the same. For pictures shown to people other than their owner.
    func withoutMetadata(_ bytes: [UInt8]) -> [UInt8]
    /// The same picture shown turned clockwise by `quarterTurns` quarter turns (negative: counter-clockwise),
    /// by rewriting only the orientation its file declares: no pixel is encoded again. `validation` (field
    /// `image`) when the file cannot take it, `unsupportedMediaType` for what is not a picture.
    func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws -> [UInt8]
}

extension ImageProcessor {
    public var thumbnailQuality: Int { ImageRules.thumbnailQuality }
}

/// Hex digests of content (SHA-256), supplied by the data layer.
public protocol ContentDigester: Sendable {
    /// Lower-case hex SHA-256 of `bytes`.
    func sha256Hex(_ bytes: [UInt8]) -> String
}
