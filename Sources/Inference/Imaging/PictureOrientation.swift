/// Turning a picture without encoding it again: only the orientation its file declares changes (Exif IFD0
/// Orientation, in a JPEG's first Exif APP1 segment or a PNG's `eXIf` chunk before the pixels, where browsers and
/// ``ImageDecoding`` read it). The pixels stay byte for byte, and so does every other piece of metadata.
public enum PictureOrientation {
    /// `bytes` shown turned clockwise by `quarterTurns` quarter turns (negative: counter-clockwise); nil when the
    /// file's Exif cannot take the orientation (a JPEG's Exif segment is limited to 64 KB, an IFD0 to 512
    /// entries). Throws, as ``ImageDecoding/probe(_:)`` does, for what is not a JPEG or PNG header.
    public static func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws(ImagingError) -> [UInt8]? {
        switch ImageFormat.sniff(bytes) {
        case .jpeg:
            let shown = try JPEGHeader.parse(bytes).orientation
            return jpeg(bytes, orientation: shown.turned(clockwise: quarterTurns))
        case .png:
            let shown = try PNGHeader.parse(bytes).orientation
            return try png(bytes, orientation: shown.turned(clockwise: quarterTurns))
        case nil:
            throw ImagingError(code: .unsupportedFormat, message: "not a JPEG or PNG file")
        }
    }

    // MARK: JPEG

    private static let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"

    /// The first Exif APP1 segment that ``JPEGHeader`` reads rewritten, or a new one of that one tag after SOI
    /// (after a JFIF header that opens the file, which wants to be first) when there is none.
    private static func jpeg(_ bytes: [UInt8], orientation: EXIFOrientation) -> [UInt8]? {
        var index = 2
        var insertAt = 2
        walking: while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x01 || (0xD0...0xD7).contains(marker) || marker == 0xFF {
                break walking
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { break walking }
            let payload = (index + 4)..<(index + 2 + length)
            if marker == 0xE0, index == 2, bytes[payload].starts(with: Array("JFIF".utf8) + [0]) {
                insertAt = index + 2 + length
            }
            if marker == 0xE1, let tiff = TIFFStructure(app1: bytes[payload]) {
                guard let rewritten = tiff.settingOrientation(orientation), rewritten.count + 2 <= 0xFFFF else { return nil }
                return Array(bytes[..<index]) + segment(rewritten) + Array(bytes[payload.upperBound...])
            }
            index = payload.upperBound
        }
        return Array(bytes[..<insertAt]) + segment(exifHeader + TIFFStructure.orientationOnly(orientation)) + Array(bytes[insertAt...])
    }

    private static func segment(_ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    // MARK: PNG

    /// The `eXIf` chunk before the pixels rewritten, or (when there is none, or it is not Exif) one of that one
    /// tag right after IHDR; an `eXIf` chunk after the pixels, which nothing reads, goes, so that the file has
    /// one as the specification wants.
    private static func png(_ bytes: [UInt8], orientation: EXIFOrientation) throws(ImagingError) -> [UInt8]? {
        let data: [UInt8]
        if let range = PNGHeader.exifData(in: bytes), let tiff = TIFFStructure(eXIf: bytes[range]) {
            guard let rewritten = tiff.settingOrientation(orientation) else { return nil }
            data = Array(rewritten.dropFirst(exifHeader.count))
        } else {
            data = TIFFStructure.orientationOnly(orientation)
        }
        let chunk = PNGHeader.chunk("eXIf", data)
        // Chunks copied as they are, but every eXIf; the new one right after the IHDR that opens the file.
        var out = Array(bytes.prefix(PNGHeader.signature.count))
        out.reserveCapacity(bytes.count + chunk.count)
        var index = PNGHeader.signature.count
        var inserted = false
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - index - 12 else { break }
            let type = bytes[(index + 4)..<(index + 8)]
            let end = index + 12 + length
            if !type.elementsEqual("eXIf".utf8) { out += bytes[index..<end] }
            if index == PNGHeader.signature.count, type.elementsEqual("IHDR".utf8) {
                out += chunk
                inserted = true
            }
            index = end
        }
        // A file cut inside its IHDR chunk (which PNGHeader reads without the CRC) cannot be shown at all.
        guard inserted else { throw ImagingError(code: .truncated, message: "PNG ends inside its IHDR chunk") }
        out += bytes[index...]
        return out
    }
}

extension EXIFOrientation {
    /// The orientation that shows the picture turned clockwise by `quarterTurns` more (negative:
    /// counter-clockwise). Mirrored orientations stay mirrored: 2 → 7 → 4 → 5 → 2, and 1 → 6 → 3 → 8 → 1.
    func turned(clockwise quarterTurns: Int) -> EXIFOrientation {
        let cycle: [EXIFOrientation] = rawValue == 1 || rawValue == 3 || rawValue == 6 || rawValue == 8
            ? [.up, .rotatedClockwise, .upsideDown, .rotatedCounterClockwise]
            : [.mirrored, .transverse, .flipped, .transposed]
        let at = cycle.firstIndex(of: self)!
        return cycle[((at + quarterTurns) % 4 + 4) % 4]
    }
}
