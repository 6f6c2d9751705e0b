import CJPEG

/// JPEG output (baseline, 4:2:0 chroma) with libjpeg-turbo, e.g. for thumbnails.
public enum JPEGEncoding {
    /// Encodes `image` at `quality` (clamped to 1...100). Throws `encodingFailed` for an empty image or
    /// a pixel buffer whose size does not match.
    public static func encode(_ image: RGBImage, quality: Int = 85) throws -> [UInt8] {
        guard image.width > 0, image.height > 0, image.width <= 65_500, image.height <= 65_500 else {
            throw ImagingError(code: .encodingFailed, message: "cannot encode a \(image.width)×\(image.height) image")
        }
        guard image.pixels.count == image.width * image.height * 3 else {
            throw ImagingError(code: .encodingFailed, message: "pixel buffer does not match the image size")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: Int(JMSG_LENGTH_MAX))
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            CJPEG_encode_rgb(
                pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(min(max(quality, 1), 100)),
                &output, &size, &message
            )
        }
        defer { free(output) }
        guard status == 0, let output else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImagingError(code: .encodingFailed, message: "JPEG: \(text)")
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
