/// The Exif Orientation tag (IFD0, tag 0x0112): how the stored pixels must be turned to display upright.
enum EXIFOrientation: Int, Sendable {
    case up = 1, mirrored = 2, upsideDown = 3, flipped = 4
    case transposed = 5, rotatedClockwise = 6, transverse = 7, rotatedCounterClockwise = 8

    /// True when displaying swaps width and height (orientations 5 to 8).
    var swapsSides: Bool { rawValue >= 5 }

    /// Reads the orientation from an APP1 segment payload (starting "Exif\0\0"); nil when absent or invalid.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(app1 payload: Bytes) -> EXIFOrientation? {
        let bytes = Array(payload)
        let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
        guard bytes.starts(with: exifHeader) else { return nil }
        let tiff = 6
        guard bytes.count >= tiff + 8 else { return nil }
        let littleEndian: Bool
        switch (bytes[tiff], bytes[tiff + 1]) {
        case (0x49, 0x49): littleEndian = true  // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        func read16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            let a = Int(bytes[at]), b = Int(bytes[at + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func read32(_ at: Int) -> Int? {
            guard let low = read16(littleEndian ? at : at + 2), let high = read16(littleEndian ? at + 2 : at) else {
                return nil
            }
            return high << 16 | low
        }
        guard read16(tiff + 2) == 42, let ifdOffset = read32(tiff + 4), let count = read16(tiff + ifdOffset) else {
            return nil
        }
        let entries = tiff + ifdOffset + 2
        for index in 0..<count {
            let entry = entries + index * 12
            guard let tag = read16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            // Type SHORT (3), count 1: the value sits in the first two bytes of the value field.
            guard read16(entry + 2) == 3, read32(entry + 4) == 1, let value = read16(entry + 8) else { return nil }
            return EXIFOrientation(rawValue: value)
        }
        return nil
    }
}
