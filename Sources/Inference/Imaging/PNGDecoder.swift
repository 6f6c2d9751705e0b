import CPNG

/// One libpng decode from memory. Owns the C decoder (freed in deinit); all libpng calls that can fail go
/// through shim functions that catch libpng's longjmp. CRC errors in any chunk are fatal.
final class PNGDecoder {
    /// Largest accepted non-image chunk (checked by `PNGHeader.checkChunkSizes`) and, through libpng's
    /// chunk_malloc_max, the largest decompressed iCCP/zTXt/iTXt payload (larger ones are skipped).
    static let maxChunkBytes = 4 << 20
    /// Largest number of ancillary chunks libpng will keep.
    static let maxCachedChunks: UInt32 = 128

    private let handle: UnsafeMutablePointer<CPNG_decoder>

    /// Prepares a decoder; width and height beyond `limits.maxDimension` are refused by libpng too.
    init(limits: ImageLimits) {
        let side = UInt32(clamping: limits.maxDimension)
        guard let handle = CPNG_decoder_create(side, side, Self.maxChunkBytes, Self.maxCachedChunks) else {
            fatalError("libpng decoder allocation failed")
        }
        self.handle = handle
    }

    deinit {
        CPNG_decoder_destroy(handle)
    }

    /// Decodes to 8-bit RGB; 16-bit samples are scaled, palette and gray expanded, alpha composited on white.
    func decode(_ bytes: [UInt8]) throws -> RGBImage {
        // libpng reads from `bytes` through the shim's callback, so every step runs inside this closure.
        try bytes.withUnsafeBufferPointer { buffer in
            handle.pointee.data = buffer.baseAddress
            handle.pointee.size = buffer.count
            defer {
                handle.pointee.data = nil
                handle.pointee.size = 0
            }
            var width: UInt32 = 0, height: UInt32 = 0, alpha: Int32 = 0
            try check(CPNG_decoder_read_info(handle, &width, &height, &alpha))
            let channels = alpha != 0 ? 4 : 3
            let w = Int(width), h = Int(height)
            let samples = try [UInt8](unsafeUninitializedCapacity: w * h * channels) { out, count in
                try check(CPNG_decoder_read_image(handle, out.baseAddress, w * channels))
                count = w * h * channels
            }
            let pixels = channels == 4 ? Self.compositedOnWhite(samples) : samples
            return RGBImage(width: w, height: h, pixels: pixels)
        }
    }

    /// RGBA to RGB over a white background: c·a + 255·(255 − a), divided by 255 with rounding.
    static func compositedOnWhite(_ rgba: [UInt8]) -> [UInt8] {
        let count = rgba.count / 4
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            rgba.withUnsafeBufferPointer { input in
                for index in 0..<count {
                    let alpha = Int(input[index * 4 + 3])
                    let background = 255 * (255 - alpha)
                    for channel in 0..<3 {
                        out[index * 3 + channel] = UInt8((Int(input[index * 4 + channel]) * alpha + background + 127) / 255)
                    }
                }
            }
            initialized = count * 3
        }
    }

    private func check(_ status: Int32) throws(ImagingError) {
        guard status != 0 else { return }
        var message = Self.string(handle.pointee.message)
        let warning = Self.string(handle.pointee.first_warning)
        if !warning.isEmpty { message += " (\(warning))" }
        let code: ImagingError.Code
        if handle.pointee.truncated != 0 {
            code = .truncated
        } else if message.contains("exceeds user limit") {
            code = .dimensionTooLarge
        } else {
            code = .corrupt
        }
        throw ImagingError(code: code, message: "PNG: \(message)")
    }

    private static func string<Buffer>(_ buffer: Buffer) -> String {
        withUnsafeBytes(of: buffer) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
