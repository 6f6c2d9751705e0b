import Foundation

/// What a picture file says besides its pixels: where, when and with what it was taken (Exif, with GPS
/// coordinates from most phones), who made or edited it (XMP, IPTC, comments, PNG text chunks), and what
/// else a camera hides in the file (an Exif thumbnail of the uncropped picture, a second image or a video
/// after the end of a JPEG).
public enum PictureMetadata {
    /// `bytes` with only what showing the picture needs, so a picture can be shown to strangers without telling
    /// them more than the picture does:
    /// - JPEG: the frame, its tables and every scan as stored; the JFIF header without its thumbnail, the ICC
    ///   colour profile and the Adobe colour transform. Every other application segment and comment, before or
    ///   between the scans, is left out, and so is anything after the end of the image. The Exif orientation,
    ///   the only Exif tag that changes how the picture is shown, is kept in an Exif segment of that one tag.
    /// - PNG: the critical chunks and the ones that change how pixels are shown (transparency, colour space,
    ///   gamma, pixel density, animation), up to IEND; text, time, Exif (but its orientation, as for JPEG, when
    ///   an `eXIf` chunk before the pixels holds it: where browsers read it) and unknown ancillary chunks are left
    ///   out.
    /// The pixels decode exactly as before. Other bytes are returned as they are (the platform stores no
    /// other format); a file cut short keeps what comes before the cut.
    public static func removed(from bytes: [UInt8]) -> [UInt8] {
        switch ImageFormat.sniff(bytes) {
        case .jpeg: jpeg(bytes)
        case .png: png(bytes)
        case nil: bytes
        }
    }

    // MARK: JPEG

    private static func jpeg(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(bytes.count + 40)
        var orientation: EXIFOrientation?
        // Where the orientation segment goes: after SOI, or after a JFIF header that opens the file (JFIF wants
        // to be first).
        var orientationAt = 2
        var index = 2
        var inScan = false
        walking: while index < bytes.count {
            if inScan {
                // Entropy-coded data: copied up to the next marker; 0xFF00 (a stuffed 0xFF) and the restart
                // markers belong to the scan.
                let start = index
                index = endOfScan(bytes, from: index)
                out += bytes[start..<index]
                inScan = false
                continue walking
            }
            // A marker: 0xFF (fill bytes may repeat it) and a code. Bytes that are neither are skipped, as
            // decoders skip them.
            guard bytes[index] == 0xFF else {
                index += 1
                continue walking
            }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index < bytes.count else { break walking }
            let marker = bytes[index]
            index += 1
            switch marker {
            case 0x00, 0xD8:
                continue walking  // not a marker here, or a second SOI
            case 0x01, 0xD0...0xD7:
                out += [0xFF, marker]
                continue walking
            case 0xD9:
                out += [0xFF, 0xD9]
                break walking  // end of image: what follows (another image, a video) is left out
            default:
                break
            }
            guard index + 2 <= bytes.count else { break walking }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2, index + length <= bytes.count else { break walking }
            let payload = bytes[(index + 2)..<(index + length)]
            let segment = bytes[(index - 2)..<(index + length)]
            index += length
            switch marker {
            case 0xE0:
                // JFIF: identifier, version, units and densities (12 bytes) kept; its thumbnail is not.
                guard payload.starts(with: jfif), payload.count >= 12 else { continue walking }
                let opensFile = out.count == 2
                out += [0xFF, 0xE0, 0x00, 16] + payload.prefix(12) + [0, 0]
                if opensFile { orientationAt = out.count }
            case 0xE1:
                if orientation == nil, payload.starts(with: exif) { orientation = EXIFOrientation.parse(app1: payload) }
            case 0xE2 where payload.starts(with: iccProfile), 0xEE where payload.starts(with: adobe):
                out += segment
            case 0xE2...0xEF, 0xFE:
                continue walking  // other application segments and comments
            case 0xDA:
                out += segment
                inScan = true
            default:
                out += segment  // frame, tables, restart interval and the other coding segments
            }
        }
        if let orientation, orientation != .up {
            let tiff = TIFFStructure.orientationOnly(orientation)
            let length = 2 + exif.count + tiff.count
            out.insert(contentsOf: [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + exif + tiff, at: orientationAt)
        }
        return out
    }

    /// Where the entropy-coded data starting at `start` ends: the first 0xFF followed by neither 0x00 nor a
    /// restart marker, or the end of the file. `memchr` finds each 0xFF, so most of a picture's bytes are
    /// passed over at memory speed.
    private static func endOfScan(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return start }
            var at = start
            while at < buffer.count {
                guard let found = memchr(base + at, 0xFF, buffer.count - at) else { return buffer.count }
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard position + 1 < buffer.count else { return buffer.count }
                let next = buffer[position + 1]
                if next != 0x00, !(0xD0...0xD7).contains(next) { return position }
                at = position + 2
            }
            return buffer.count
        }
    }

    private static let jfif: [UInt8] = Array("JFIF".utf8) + [0]
    private static let exif: [UInt8] = Array("Exif".utf8) + [0, 0]
    private static let iccProfile: [UInt8] = Array("ICC_PROFILE".utf8) + [0]
    private static let adobe: [UInt8] = Array("Adobe".utf8)

    // MARK: PNG

    /// Ancillary chunks that change how the pixels are shown.
    private static let shownChunks: Set<String> = [
        "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "mDCV", "cLLI", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT",
    ]

    private static func png(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes.prefix(PNGHeader.signature.count))
        out.reserveCapacity(bytes.count)
        // Read as a browser reads it: from an eXIf chunk before the pixels (PNGHeader.exifData).
        let orientation = PNGHeader.exifData(in: bytes).flatMap { TIFFStructure(eXIf: bytes[$0]) }.flatMap(EXIFOrientation.read)
        var afterHeader: Int?
        var index = PNGHeader.signature.count
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - index - 12 else { break }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            let end = index + 12 + length
            let critical = bytes[index + 4] & 0x20 == 0  // an upper-case first letter
            if critical || shownChunks.contains(type) {
                out += bytes[index..<end]
                // After an IHDR that opens the file (as it must), so the orientation comes before the pixels.
                if type == "IHDR", index == PNGHeader.signature.count { afterHeader = out.count }
            }
            index = end
            if type == "IEND" { break }
        }
        if let orientation, orientation != .up, let afterHeader {
            out.insert(contentsOf: PNGHeader.chunk("eXIf", TIFFStructure.orientationOnly(orientation)), at: afterHeader)
        }
        return out
    }
}

/// The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { (n: UInt32) in
        (0..<8).reduce(n) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(UInt32.max) { c, byte in table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
    }
}
