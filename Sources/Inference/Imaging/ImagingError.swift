/// Typed imaging failure with a stable code; callers switch on `code`, `message` is for logs and humans.
public struct ImagingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable failure category; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case unsupportedFormat, truncated, corrupt, tooManyPixels, tooLarge, dimensionTooLarge, empty
            case encodingFailed
        }

        let base: Base

        /// The bytes are neither JPEG nor PNG (decided by magic bytes), or use a variant that is not supported.
        public static let unsupportedFormat = Code(base: .unsupportedFormat)
        /// The data ends before the image is complete.
        public static let truncated = Code(base: .truncated)
        /// The data is malformed (bad markers, CRC mismatch, decoder warnings, too many progressive scans).
        public static let corrupt = Code(base: .corrupt)
        /// Width × height exceeds `ImageLimits.maxPixels`.
        public static let tooManyPixels = Code(base: .tooManyPixels)
        /// The file, or a metadata chunk inside it, exceeds a byte limit.
        public static let tooLarge = Code(base: .tooLarge)
        /// A side exceeds `ImageLimits.maxDimension`.
        public static let dimensionTooLarge = Code(base: .dimensionTooLarge)
        /// Zero bytes, or an image with no pixels.
        public static let empty = Code(base: .empty)
        /// The JPEG encoder failed or was given an invalid image.
        public static let encodingFailed = Code(base: .encodingFailed)

        /// The code's stable name, e.g. `tooManyPixels`.
        public var description: String { base.rawValue }
    }

    /// What went wrong, as a stable category.
    public let code: Code
    /// Human-readable detail (may include decoder messages); not stable.
    public let message: String

    /// Creates an error with the given code and detail.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
