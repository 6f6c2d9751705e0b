import CJPEG

/// One libjpeg-turbo decompression. Owns the C decoder (freed in deinit); all libjpeg calls that can fail go
/// through shim functions that catch libjpeg's longjmp and report a status, with warnings treated as errors.
final class JPEGDecoder {
    /// Progressive files with more scans than this are refused (each scan re-reads the whole coefficient buffer,
    /// so a crafted file with thousands of tiny scans would burn CPU). Real encoders write about 10.
    static let maxScans = 100

    private let handle: UnsafeMutablePointer<CJPEG_decoder>

    init() {
        guard let handle = CJPEG_decoder_create(Int32(Self.maxScans)) else {
            fatalError("libjpeg decoder allocation failed")
        }
        self.handle = handle
    }

    deinit {
        CJPEG_decoder_destroy(handle)
    }

    /// Decodes to RGB at the smallest DCT scale (in eighths) that keeps the shorter side >= `minimumShorterSide`,
    /// then applies the Exif orientation.
    func decode(_ bytes: [UInt8], limits: ImageLimits, minimumShorterSide: Int?) throws -> RGBImage {
        // libjpeg reads from `bytes` until the last call, so every step runs inside this closure.
        try bytes.withUnsafeBufferPointer { buffer in
            try check(CJPEG_decoder_read_header(handle, buffer.baseAddress, UInt(buffer.count)))
            let info = handle.pointee.info
            // Saved markers live in libjpeg's image pool, which jpeg_finish_decompress frees: read them now.
            let orientation = exifOrientation()
            try limits.check(width: Int(info.image_width), height: Int(info.image_height))
            let cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK
            let eighths = Self.scaleEighths(
                width: Int(info.image_width),
                height: Int(info.image_height),
                minimumShorterSide: minimumShorterSide
            )
            try check(CJPEG_decoder_start(handle, UInt32(eighths), 8, cmyk ? 1 : 0))
            let width = Int(handle.pointee.info.output_width)
            let height = Int(handle.pointee.info.output_height)
            let components = Int(handle.pointee.info.out_color_components)
            guard components == (cmyk ? 4 : 3) else {
                throw ImagingError(code: .unsupportedFormat, message: "JPEG decodes to \(components) components")
            }
            var samples = try [UInt8](unsafeUninitializedCapacity: width * height * components) { out, count in
                try check(CJPEG_decoder_read_image(handle, out.baseAddress, width * components))
                count = width * height * components
            }
            if cmyk {
                samples = Self.rgb(fromCMYK: samples, inverted: handle.pointee.info.saw_Adobe_marker != 0)
            }
            return RGBImage(width: width, height: height, pixels: samples).oriented(orientation)
        }
    }

    /// The DCT scale in eighths (libjpeg-turbo decodes at 1/8, 2/8, … 8/8): the smallest whose scaled shorter
    /// side (rounded up, as libjpeg does) is still >= the minimum. A 640×480 picture for a 256 shorter side is
    /// decoded at 5/8 (400×300) rather than at full size, since 1/2 would give 240.
    static func scaleEighths(width: Int, height: Int, minimumShorterSide: Int?) -> Int {
        guard let minimum = minimumShorterSide, minimum > 0 else { return 8 }
        let shorter = min(width, height)
        return (1...8).first { (shorter * $0 + 7) / 8 >= minimum } ?? 8
    }

    /// Orientation from the first APP1 Exif segment libjpeg saved; `.up` when none.
    private func exifOrientation() -> EXIFOrientation {
        var marker = handle.pointee.info.marker_list
        while let current = marker {
            if current.pointee.marker == 0xE1, let data = current.pointee.data,
                let orientation = EXIFOrientation.parse(
                    app1: UnsafeBufferPointer(start: data, count: Int(current.pointee.data_length))
                )
            {
                return orientation
            }
            marker = current.pointee.next
        }
        return .up
    }

    /// CMYK (Adobe files store it inverted) to RGB, without colour management.
    private static func rgb(fromCMYK samples: [UInt8], inverted: Bool) -> [UInt8] {
        let count = samples.count / 4
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            samples.withUnsafeBufferPointer { cmyk in
                for index in 0..<count {
                    var c = Int(cmyk[index * 4]), m = Int(cmyk[index * 4 + 1])
                    var y = Int(cmyk[index * 4 + 2]), k = Int(cmyk[index * 4 + 3])
                    if !inverted { (c, m, y, k) = (255 - c, 255 - m, 255 - y, 255 - k) }
                    out[index * 3] = UInt8((c * k + 127) / 255)
                    out[index * 3 + 1] = UInt8((m * k + 127) / 255)
                    out[index * 3 + 2] = UInt8((y * k + 127) / 255)
                }
            }
            initialized = count * 3
        }
    }

    private func check(_ status: Int32) throws(ImagingError) {
        guard status != 0 else { return }
        let message = withUnsafeBytes(of: handle.pointee.error.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        throw ImagingError(code: Self.code(for: handle.pointee.error.code), message: "JPEG: \(message)")
    }

    private static func code(for messageCode: Int32) -> ImagingError.Code {
        let code = UInt32(bitPattern: messageCode)
        switch code {
        case JWRN_JPEG_EOF.rawValue, JERR_INPUT_EOF.rawValue, JERR_INPUT_EMPTY.rawValue, JERR_NO_IMAGE.rawValue:
            return .truncated
        case JERR_CONVERSION_NOTIMPL.rawValue, JERR_NOT_COMPILED.rawValue, JERR_BAD_PRECISION.rawValue,
            JERR_ARITH_NOTIMPL.rawValue, JERR_BAD_J_COLORSPACE.rawValue:
            return .unsupportedFormat
        case JERR_IMAGE_TOO_BIG.rawValue:
            return .dimensionTooLarge
        default:
            return .corrupt
        }
    }
}
