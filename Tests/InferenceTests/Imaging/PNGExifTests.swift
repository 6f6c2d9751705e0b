import Testing

@testable import Inference

/// A PNG's Exif (`eXIf` chunk): its orientation turns the picture and its DateTimeOriginal is when it was taken, as
/// for a JPEG, read where the PNG specification puts the chunk and where browsers read it (before the first IDAT,
/// starting with the TIFF header), so the model, the thumbnail and the stored size see what a browser shows.
@Suite struct PNGExifTests {
    /// An 8×4 PNG of `TestImages.quadrants` with the chunks before its IDAT.
    static func quadrants(_ chunks: [(type: String, data: [UInt8])] = []) -> [UInt8] {
        var png = TestPNG(width: 8, height: 4, colorType: .rgb, samples: TestImages.quadrants(width: 8, height: 4).pixels.map(Int.init))
        png.chunks = chunks
        return png.encoded()
    }

    /// The TIFF structure of an `eXIf` chunk whose IFD0 holds only the orientation.
    static func orientation(_ value: Int) -> [UInt8] {
        Array(PictureMetadataTests.exif(orientation: value, then: "").dropFirst(6))
    }

    @Test("the eXIf orientation turns the picture", arguments: TestImages.quadrantCorners)
    func orientationTurnsThePicture(orientation: Int, topLeft: [Int], topRight: [Int]) throws {
        let png = Self.quadrants([("eXIf", Self.orientation(orientation))])
        let image = try ImageDecoding.decode(png)
        let swapped = orientation >= 5
        #expect(image.width == (swapped ? 4 : 8) && image.height == (swapped ? 8 : 4))
        #expect(try ImageDecoding.probe(png) == ImageInfo(format: .png, width: image.width, height: image.height))
        let quarterX = image.width / 4, quarterY = image.height / 4
        #expect(TestImages.pixel(image, quarterX, quarterY) == topLeft)
        #expect(TestImages.pixel(image, 3 * quarterX, quarterY) == topRight)
    }

    @Test("an eXIf chunk after the pixels, or one opening with \"Exif\\0\\0\", is not read, as browsers do not read it")
    func misplacedExifIsNotRead() throws {
        let plain = Self.quadrants()
        let afterPixels = Array(plain.dropLast(12)) + TestPNG.chunk("eXIf", Self.orientation(6)) + Array(plain.suffix(12))
        let prefixed = Self.quadrants([("eXIf", Array("Exif".utf8) + [0, 0] + Self.orientation(6))])
        let garbage = Self.quadrants([("eXIf", Array("not a TIFF structure".utf8))])
        for png in [afterPixels, prefixed, garbage] {
            #expect(try ImageDecoding.probe(png) == ImageInfo(format: .png, width: 8, height: 4))
            #expect(try ImageDecoding.decode(png) == ImageDecoding.decode(plain))
        }
        // Removing the metadata keeps what a browser shows: no orientation is added for a chunk it did not read.
        let cleaned = PictureMetadata.removed(from: afterPixels)
        #expect(!PictureMetadataTests.contains(cleaned, "eXIf"))
        #expect(try ImageDecoding.decode(cleaned) == ImageDecoding.decode(plain))
    }

    @Test("when it was taken is read from the eXIf chunk, in either byte order", arguments: [true, false])
    func captureTime(bigEndian: Bool) throws {
        let tiff = CaptureTimeTests.tiff(taken: "2026:03:12 14:03:22", offset: "+01:00", bigEndian: bigEndian)
        let info = try ImageDecoding.probe(Self.quadrants([("tEXt", Array("Software\0an editor".utf8)), ("eXIf", tiff)]))
        #expect(info.captureTime == EXIFCaptureTime(dateTime: "2026:03:12 14:03:22", offset: "+01:00"))
        #expect(info.width == 4 && info.height == 8, "the orientation 6 in the same IFD0 turns it")
        #expect(try ImageDecoding.probe(Self.quadrants()).captureTime == nil)
        let unset = CaptureTimeTests.tiff(taken: "2026:03:12\u{7} 14:03", bigEndian: bigEndian)
        #expect(try ImageDecoding.probe(Self.quadrants([("eXIf", unset)])).captureTime == nil, "not printable")
    }

    @Test("an eXIf chunk cut short by the end of the file is none, and the file is refused as truncated as before")
    func truncatedExif() throws {
        let png = Self.quadrants([("eXIf", Self.orientation(6) + [UInt8](repeating: 0, count: 200))])
        let cut = Array(png.prefix(8 + 25 + 8 + 30))
        #expect(try ImageDecoding.probe(cut) == ImageInfo(format: .png, width: 8, height: 4))
        #expect(throws: ImagingError.self) { try ImageDecoding.decode(cut) }
    }
}
