/// Decoded picture: interleaved 8-bit RGB, row-major, no padding.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 3` bytes, R G B per pixel, rows top to bottom.
    public var pixels: [UInt8]

    /// Wraps interleaved RGB bytes; `pixels.count` must equal `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative image size")
        precondition(pixels.count == width * height * 3, "pixel count does not match \(width)×\(height) RGB")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
