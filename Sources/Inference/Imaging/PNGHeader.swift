/// What the IHDR chunk and an `eXIf` chunk before the pixels say, plus a walk over the chunk headers that finds
/// oversized metadata chunks.
struct PNGHeader: Sendable, Equatable {
    /// The eight signature bytes every PNG starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Stored width from IHDR, before orientation.
    var width: Int
    /// Stored height from IHDR, before orientation.
    var height: Int
    /// Exif orientation from the `eXIf` chunk; `.up` when there is none.
    var orientation: EXIFOrientation = .up
    /// When the picture was taken, from the same chunk.
    var captureTime: EXIFCaptureTime? = nil

    /// Reads the IHDR chunk, which must directly follow the signature.
    static func parse(_ bytes: [UInt8]) throws(ImagingError) -> PNGHeader {
        guard bytes.starts(with: signature) else {
            throw ImagingError(code: .unsupportedFormat, message: "not a PNG file")
        }
        guard bytes.count >= 8 + 8 + 13 else {
            throw ImagingError(code: .truncated, message: "PNG ends before its IHDR chunk")
        }
        guard readUInt32(bytes, at: 8) == 13, bytes[12..<16].elementsEqual("IHDR".utf8) else {
            throw ImagingError(code: .corrupt, message: "PNG does not start with an IHDR chunk")
        }
        let width = readUInt32(bytes, at: 16), height = readUInt32(bytes, at: 20)
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ImagingError(code: .corrupt, message: "PNG IHDR gives \(width)×\(height)")
        }
        let exif = exifData(in: bytes).flatMap { TIFFStructure(eXIf: bytes[$0]) }
        return PNGHeader(
            width: width, height: height,
            orientation: exif.flatMap(EXIFOrientation.read) ?? .up, captureTime: exif.flatMap(EXIFCaptureTime.read)
        )
    }

    /// Where the data of the file's Exif is: the first `eXIf` chunk before the first `IDAT`, as the PNG
    /// specification places it and as browsers read it (Chromium ignores one after the pixels). A chunk longer
    /// than `PNGDecoder.maxChunkBytes`, or one that runs past the end of the file, is none.
    static func exifData(in bytes: [UInt8]) -> Range<Int>? {
        var offset = signature.count
        while offset + 8 <= bytes.count {
            let length = readUInt32(bytes, at: offset)
            let type = bytes[offset + 4..<offset + 8]
            if type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) || length > bytes.count - offset - 12 {
                return nil
            }
            if type.elementsEqual("eXIf".utf8) {
                return length <= PNGDecoder.maxChunkBytes ? offset + 8..<offset + 8 + length : nil
            }
            offset += 12 + length
        }
        return nil
    }

    /// Walks chunk headers (not their data) and throws if a chunk other than IDAT is longer than
    /// `maxChunkBytes`, so huge iCCP/zTXt/iTXt payloads are refused before libpng allocates for them.
    static func checkChunkSizes(_ bytes: [UInt8], maxChunkBytes: Int) throws(ImagingError) {
        var offset = signature.count
        while offset + 8 <= bytes.count {
            let length = readUInt32(bytes, at: offset)
            let type = bytes[offset + 4..<offset + 8]
            if type.elementsEqual("IEND".utf8) { return }
            if length > Int(Int32.max) {
                throw ImagingError(code: .corrupt, message: "PNG chunk length \(length) is invalid")
            }
            if length > maxChunkBytes, !type.elementsEqual("IDAT".utf8) {
                let name = String(decoding: type, as: UTF8.self)
                throw ImagingError(
                    code: .tooLarge,
                    message: "PNG \(name) chunk has \(length) bytes; at most \(maxChunkBytes) are accepted"
                )
            }
            offset += 12 + length  // length, type, data, CRC
        }
        // Running out of data is reported by libpng, which knows whether the image was complete.
    }

    /// A chunk of `type` (four letters) holding `data`: length, type, data and CRC-32.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(CRC32.checksum(typeAndData))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
}
