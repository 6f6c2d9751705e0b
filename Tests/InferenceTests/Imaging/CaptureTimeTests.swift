@testable import Inference
import Testing

/// When a JPEG was taken: Exif DateTimeOriginal and OffsetTimeOriginal, found through IFD0's pointer to the Exif
/// IFD, in either byte order; anything malformed is no time rather than an error.
@Suite struct CaptureTimeTests {
    /// A JPEG whose APP1 has an IFD0 (orientation 6, then the Exif IFD pointer) and an Exif IFD with the given
    /// ASCII tags, values stored after the IFDs (as cameras do).
    static func jpeg(taken: String?, offset: String? = nil, bigEndian: Bool = true, pointer: Int? = nil) throws -> [UInt8] {
        let payload = Array("Exif".utf8) + [0, 0] + tiff(taken: taken, offset: offset, bigEndian: bigEndian, pointer: pointer)
        let segment: [UInt8] = [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        let plain = try JPEGEncoding.encode(TestImages.gradient(width: 32, height: 16))
        return Array(plain[0..<2]) + segment + Array(plain[2...])
    }

    /// The TIFF structure of `jpeg(taken:offset:bigEndian:pointer:)`'s Exif, as a PNG's `eXIf` chunk holds it.
    static func tiff(taken: String?, offset: String? = nil, bigEndian: Bool = true, pointer: Int? = nil) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        let texts = [(0x9003, taken), (0x9011, offset)].compactMap { tag, text in text.map { (tag, Array($0.utf8) + [0]) } }
        let ifd0At = 8, exifAt = ifd0At + 2 + 2 * 12 + 4
        var valuesAt = exifAt + 2 + texts.count * 12 + 4
        var tiff: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(ifd0At)
        tiff += u16(2) + u16(0x0112) + u16(3) + u32(1) + u16(6) + [0, 0]
        tiff += u16(0x8769) + u16(4) + u32(1) + u32(pointer ?? exifAt) + u32(0)
        var values: [UInt8] = []
        tiff += u16(texts.count)
        for (tag, bytes) in texts {
            tiff += u16(tag) + u16(2) + u32(bytes.count) + u32(valuesAt)
            values += bytes
            valuesAt += bytes.count
        }
        return tiff + u32(0) + values
    }

    @Test(arguments: [true, false]) func theTimeAndOffsetAreReadInEitherByteOrder(bigEndian: Bool) throws {
        let info = try ImageDecoding.probe(Self.jpeg(taken: "2026:03:12 14:03:22", offset: "+01:00", bigEndian: bigEndian))
        #expect(info.captureTime == EXIFCaptureTime(dateTime: "2026:03:12 14:03:22", offset: "+01:00"))
        #expect(info.width == 16 && info.height == 32, "the orientation in the same IFD0 still turns it")
        let noOffset = try ImageDecoding.probe(Self.jpeg(taken: "2026:03:12 14:03:22", bigEndian: bigEndian))
        #expect(noOffset.captureTime == EXIFCaptureTime(dateTime: "2026:03:12 14:03:22", offset: nil))
    }

    @Test func aPictureWithoutOneOrWithAMalformedOneHasNone() throws {
        #expect(try ImageDecoding.probe(JPEGEncoding.encode(TestImages.gradient(width: 8, height: 8))).captureTime == nil)
        #expect(try ImageDecoding.probe(Self.jpeg(taken: nil, offset: "+01:00")).captureTime == nil)
        for pointer in [0xFFFF_FFF0, 3, 10_000] {
            #expect(try ImageDecoding.probe(Self.jpeg(taken: "2026:03:12 14:03:22", pointer: pointer)).captureTime == nil, "\(pointer)")
        }
        #expect(try ImageDecoding.probe(Self.jpeg(taken: "2026:03:12\u{7} 14:03")).captureTime == nil, "not printable")
        #expect(try ImageDecoding.probe(BadInputTests.tinyPNG()).captureTime == nil)
    }
}
