/// Entry points for turning uploaded bytes into pixels. Stateless and thread-safe: each call owns its decoder.
public enum ImageDecoding {
    /// Format and size from the header only (magic bytes decide the format, never a client's content type).
    /// The size is as displayed, i.e. with the Exif orientation applied (a JPEG's APP1 segment, a PNG's `eXIf`
    /// chunk).
    public static func probe(_ bytes: [UInt8]) throws -> ImageInfo {
        try header(bytes).info
    }

    /// ``probe(_:)`` and the orientation it applied, which a PNG's decode applies to the pixels (libjpeg's decode
    /// reads the JPEG's itself).
    private static func header(_ bytes: [UInt8]) throws -> (info: ImageInfo, orientation: EXIFOrientation) {
        guard !bytes.isEmpty else {
            throw ImagingError(code: .empty, message: "no image data")
        }
        let format: ImageFormat, stored: (width: Int, height: Int), orientation: EXIFOrientation, captureTime: EXIFCaptureTime?
        switch ImageFormat.sniff(bytes) {
        case .jpeg:
            let header = try JPEGHeader.parse(bytes)
            (format, stored, orientation, captureTime) = (.jpeg, (header.width, header.height), header.orientation, header.captureTime)
        case .png:
            let header = try PNGHeader.parse(bytes)
            (format, stored, orientation, captureTime) = (.png, (header.width, header.height), header.orientation, header.captureTime)
        case nil:
            throw ImagingError(code: .unsupportedFormat, message: "not a JPEG or PNG file")
        }
        let swapped = orientation.swapsSides
        let info = ImageInfo(
            format: format, width: swapped ? stored.height : stored.width, height: swapped ? stored.width : stored.height,
            captureTime: captureTime
        )
        return (info, orientation)
    }

    /// Full decode, limits checked from the header first. When `minimumShorterSide` is given, a JPEG may be
    /// decoded with DCT scaling (1/8 to 7/8) as long as the shorter side of the decoded picture stays
    /// >= minimumShorterSide. The Exif orientation is applied. PNG alpha is composited on white.
    public static func decode(
        _ bytes: [UInt8],
        limits: ImageLimits = .default,
        minimumShorterSide: Int? = nil
    ) throws -> RGBImage {
        try limits.check(byteCount: bytes.count)
        let (info, orientation) = try header(bytes)
        try limits.check(width: info.width, height: info.height)
        switch info.format {
        case .jpeg:
            return try JPEGDecoder().decode(bytes, limits: limits, minimumShorterSide: minimumShorterSide)
        case .png:
            try PNGHeader.checkChunkSizes(bytes, maxChunkBytes: PNGDecoder.maxChunkBytes)
            return try PNGDecoder(limits: limits).decode(bytes).oriented(orientation)
        }
    }
}
