/// The Exif Orientation tag (IFD0, tag 0x0112): how the stored pixels must be turned to display upright.
enum EXIFOrientation: Int, Sendable {
    case up = 1, mirrored = 2, upsideDown = 3, flipped = 4
    case transposed = 5, rotatedClockwise = 6, transverse = 7, rotatedCounterClockwise = 8

    /// True when displaying swaps width and height (orientations 5 to 8).
    var swapsSides: Bool { rawValue >= 5 }

    /// Reads the orientation from an APP1 segment payload (starting "Exif\0\0"); nil when absent or invalid.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(app1 payload: Bytes) -> EXIFOrientation? {
        TIFFStructure(app1: payload).flatMap(read)
    }

    /// The orientation in an Exif segment's IFD0; nil when absent or invalid.
    static func read(_ tiff: TIFFStructure) -> EXIFOrientation? {
        guard let entry = tiff.ifd0.first(where: { $0.tag == 0x0112 }) else { return nil }
        return tiff.short(entry).flatMap(EXIFOrientation.init(rawValue:))
    }
}

/// When a picture was taken, as its camera wrote it in Exif: DateTimeOriginal (tag 0x9003, "2026:03:12 14:03:22",
/// local time) and OffsetTimeOriginal (0x9011, "+01:00", when the camera knew its zone), both in the Exif IFD.
/// The text as written; what it means is decided where it is stored.
public struct EXIFCaptureTime: Sendable, Equatable {
    public let dateTime: String
    public let offset: String?

    public init(dateTime: String, offset: String?) {
        self.dateTime = dateTime
        self.offset = offset
    }

    /// Reads it from an Exif segment's Exif IFD; nil when there is no DateTimeOriginal.
    static func read(_ tiff: TIFFStructure) -> EXIFCaptureTime? {
        guard let pointer = tiff.ifd0.first(where: { $0.tag == 0x8769 }), let offset = tiff.long(pointer) else { return nil }
        let exif = tiff.entries(ifdAt: offset)
        guard let original = exif.first(where: { $0.tag == 0x9003 }).flatMap(tiff.ascii) else { return nil }
        return EXIFCaptureTime(dateTime: original, offset: exif.first(where: { $0.tag == 0x9011 }).flatMap(tiff.ascii))
    }
}

/// The TIFF structure of an Exif APP1 segment: "Exif\0\0", a byte-order mark ("II" or "MM"), 42, and the offset
/// of IFD0; every offset counts from the byte-order mark. Reads are bounds-checked: nil, or no entries, when a
/// value does not fit in the segment.
struct TIFFStructure {
    /// One 12-byte IFD entry: tag, type, count, and where its value field is (the value, or its offset when it
    /// does not fit in 4 bytes).
    struct Entry {
        let tag: Int
        let type: Int
        let count: Int
        let valueField: Int
    }

    /// Entries read from one IFD at most (a real one has a few dozen).
    static let maxEntries = 512
    private static let tiffStart = 6

    private let bytes: [UInt8]
    private let littleEndian: Bool
    /// The entries of IFD0.
    private(set) var ifd0: [Entry] = []

    init?<Bytes: RandomAccessCollection<UInt8>>(app1 payload: Bytes) {
        let bytes = Array(payload)
        guard bytes.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]), bytes.count >= Self.tiffStart + 8 else { return nil }  // "Exif\0\0"
        switch (bytes[Self.tiffStart], bytes[Self.tiffStart + 1]) {
        case (0x49, 0x49): littleEndian = true  // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        self.bytes = bytes
        guard read16(Self.tiffStart + 2) == 42, let offset = read32(Self.tiffStart + 4) else { return nil }
        ifd0 = entries(ifdAt: offset)
    }

    /// The data of a PNG `eXIf` chunk: the same TIFF structure without the "Exif\0\0" that opens an APP1 segment.
    init?<Bytes: Collection<UInt8>>(eXIf data: Bytes) {
        self.init(app1: [0x45, 0x78, 0x69, 0x66, 0, 0] + Array(data))
    }

    /// The entries of the IFD at `offset` from the TIFF start.
    func entries(ifdAt offset: Int) -> [Entry] {
        let start = Self.tiffStart + offset
        guard let count = read16(start), count <= Self.maxEntries, start + 2 + count * 12 <= bytes.count else { return [] }
        return (0..<count).compactMap { index in
            let entry = start + 2 + index * 12
            guard let tag = read16(entry), let type = read16(entry + 2), let count = read32(entry + 4) else { return nil }
            return Entry(tag: tag, type: type, count: count, valueField: entry + 8)
        }
    }

    /// A SHORT (type 3) value of count 1: in the first two bytes of the value field.
    func short(_ entry: Entry) -> Int? {
        entry.type == 3 && entry.count == 1 ? read16(entry.valueField) : nil
    }

    /// A LONG (type 4) value of count 1.
    func long(_ entry: Entry) -> Int? {
        entry.type == 4 && entry.count == 1 ? read32(entry.valueField) : nil
    }

    /// An ASCII (type 2) value without its closing NULs; nil when it is not printable ASCII.
    func ascii(_ entry: Entry) -> String? {
        guard entry.type == 2, entry.count > 0, entry.count <= 256 else { return nil }
        let start: Int
        if entry.count <= 4 {
            start = entry.valueField
        } else {
            guard let offset = read32(entry.valueField) else { return nil }
            start = Self.tiffStart + offset
        }
        guard start >= 0, start + entry.count <= bytes.count else { return nil }
        var text = bytes[start..<start + entry.count]
        while text.last == 0 { text.removeLast() }
        guard !text.isEmpty, text.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// A big-endian TIFF structure whose only entry is IFD0's Orientation (tag 0x0112, one SHORT), as a PNG's
    /// `eXIf` chunk holds it (an APP1 segment puts "Exif\0\0" before it).
    static func orientationOnly(_ orientation: EXIFOrientation) -> [UInt8] {
        [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,  // "MM", 42, IFD0 at offset 8
         0x00, 0x01,  // one entry
         0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, UInt8(orientation.rawValue), 0x00, 0x00,
         0x00, 0x00, 0x00, 0x00]  // no next IFD
    }

    /// The APP1 payload ("Exif\0\0" and the structure) with IFD0's Orientation set: written in place when IFD0
    /// holds it as one SHORT; else IFD0 copied to the end of the structure with the tag among its entries (sorted
    /// by tag, as TIFF wants) and the header pointing to the copy, so that every other offset stays valid. Nil when
    /// IFD0 cannot be read whole or would have more than ``maxEntries`` entries.
    func settingOrientation(_ orientation: EXIFOrientation) -> [UInt8]? {
        var out = bytes
        if let entry = ifd0.first(where: { $0.tag == 0x0112 }), entry.type == 3, entry.count == 1 {
            out.replaceSubrange(entry.valueField..<entry.valueField + 2, with: encode16(orientation.rawValue))
            return out
        }
        guard let offset = read32(Self.tiffStart + 4), let count = read16(Self.tiffStart + offset), count == ifd0.count,
            count < Self.maxEntries
        else { return nil }
        let next = read32(Self.tiffStart + offset + 2 + count * 12) ?? 0
        var entries = ifd0.filter { $0.tag != 0x0112 }.map { (tag: $0.tag, bytes: Array(bytes[($0.valueField - 8)..<($0.valueField + 4)])) }
        entries.append((0x0112, encode16(0x0112) + encode16(3) + encode32(1) + encode16(orientation.rawValue) + [0, 0]))
        entries.sort { $0.tag < $1.tag }
        if out.count % 2 == 1 { out.append(0) }  // an IFD starts on a word boundary (the structure starts on one)
        let copyAt = out.count - Self.tiffStart
        guard copyAt <= Int(UInt32.max) else { return nil }
        out += encode16(entries.count) + entries.flatMap(\.bytes) + encode32(next)
        out.replaceSubrange(Self.tiffStart + 4..<Self.tiffStart + 8, with: encode32(copyAt))
        return out
    }

    private func encode16(_ value: Int) -> [UInt8] {
        let high = UInt8(value >> 8 & 0xFF), low = UInt8(value & 0xFF)
        return littleEndian ? [low, high] : [high, low]
    }

    private func encode32(_ value: Int) -> [UInt8] {
        littleEndian ? encode16(value & 0xFFFF) + encode16(value >> 16 & 0xFFFF) : encode16(value >> 16 & 0xFFFF) + encode16(value & 0xFFFF)
    }

    private func read16(_ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        let a = Int(bytes[at]), b = Int(bytes[at + 1])
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    private func read32(_ at: Int) -> Int? {
        guard let low = read16(littleEndian ? at : at + 2), let high = read16(littleEndian ? at + 2 : at) else { return nil }
        return high << 16 | low
    }
}
