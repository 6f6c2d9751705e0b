/// Frame size and orientation of a JPEG, found by walking its markers up to the first scan (no decoding).
struct JPEGHeader: Sendable, Equatable {
    /// Stored width, before orientation.
    var width: Int
    /// Stored height, before orientation.
    var height: Int
    /// Exif orientation from an APP1 segment before the first scan; `.up` when there is none.
    var orientation: EXIFOrientation
    /// When it was taken, from the first Exif APP1 segment that says so.
    var captureTime: EXIFCaptureTime? = nil

    /// Parses the markers of `bytes`, which must start with SOI.
    static func parse(_ bytes: [UInt8]) throws(ImagingError) -> JPEGHeader {
        guard ImageFormat.sniff(bytes) == .jpeg else {
            throw ImagingError(code: .unsupportedFormat, message: "not a JPEG file")
        }
        var frame: (width: Int, height: Int)?
        var orientation: EXIFOrientation?
        var captureTime: EXIFCaptureTime?
        var index = 2
        var stoppedAtMarker = false
        scanning: while true {
            // Each marker is 0xFF (possibly repeated as fill) followed by a code byte.
            guard index < bytes.count else { break scanning }
            guard bytes[index] == 0xFF else {
                if frame != nil { break scanning }
                throw ImagingError(code: .corrupt, message: "JPEG marker expected at byte \(index)")
            }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index < bytes.count else { break scanning }
            let marker = bytes[index]
            index += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue scanning  // standalone markers carry no length
            case 0xD8, 0xD9, 0xDA:
                stoppedAtMarker = true  // SOI again, EOI or start of scan: no more header segments
                break scanning
            default:
                break
            }
            guard index + 2 <= bytes.count else { break scanning }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2 else {
                throw ImagingError(code: .corrupt, message: "JPEG segment with length \(length)")
            }
            let payload = index + 2..<min(index + length, bytes.count)
            if isStartOfFrame(marker), frame == nil {
                guard payload.count >= 6 else { break scanning }
                let p = payload.lowerBound
                frame = (Int(bytes[p + 3]) << 8 | Int(bytes[p + 4]), Int(bytes[p + 1]) << 8 | Int(bytes[p + 2]))
            } else if marker == 0xE1, orientation == nil || captureTime == nil, let tiff = TIFFStructure(app1: bytes[payload]) {
                // One read of the segment for both (XMP and other APP1 segments are not Exif: no structure).
                orientation = orientation ?? EXIFOrientation.read(tiff)
                captureTime = captureTime ?? EXIFCaptureTime.read(tiff)
            }
            index += length
        }
        guard let frame else {
            if stoppedAtMarker {
                throw ImagingError(code: .corrupt, message: "JPEG has no frame header before its first scan")
            }
            throw ImagingError(code: .truncated, message: "JPEG ends before its frame header")
        }
        guard frame.width > 0, frame.height > 0 else {
            throw ImagingError(code: .corrupt, message: "JPEG frame header gives \(frame.width)×\(frame.height)")
        }
        return JPEGHeader(width: frame.width, height: frame.height, orientation: orientation ?? .up, captureTime: captureTime)
    }

    /// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
