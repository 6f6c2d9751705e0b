/// Caps checked against the file size and the header before any pixel is decoded.
public struct ImageLimits: Sendable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Largest accepted width × height.
    public var maxPixels: Int
    /// Largest accepted width or height.
    public var maxDimension: Int

    /// Defaults: 20 MiB, 50 megapixels, 20 000 pixels a side.
    public init(maxBytes: Int = 20 << 20, maxPixels: Int = 50_000_000, maxDimension: Int = 20_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.maxDimension = maxDimension
    }

    /// 20 MiB, 50 megapixels, 20 000 pixels a side.
    public static let `default` = ImageLimits()

    /// Throws when a header's size breaks a limit or is empty.
    func check(width: Int, height: Int) throws(ImagingError) {
        guard width > 0, height > 0 else {
            throw ImagingError(code: .empty, message: "image has no pixels (\(width)×\(height))")
        }
        guard width <= maxDimension, height <= maxDimension else {
            throw ImagingError(
                code: .dimensionTooLarge,
                message: "image is \(width)×\(height); each side must be at most \(maxDimension)"
            )
        }
        guard width * height <= maxPixels else {
            throw ImagingError(
                code: .tooManyPixels,
                message: "image has \(width * height) pixels; at most \(maxPixels) are accepted"
            )
        }
    }

    /// Throws when the file is empty or above `maxBytes`.
    func check(byteCount: Int) throws(ImagingError) {
        guard byteCount > 0 else {
            throw ImagingError(code: .empty, message: "no image data")
        }
        guard byteCount <= maxBytes else {
            throw ImagingError(code: .tooLarge, message: "image is \(byteCount) bytes; at most \(maxBytes) are accepted")
        }
    }
}
