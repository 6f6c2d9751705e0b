import Testing

@testable import Inference

@Suite("JPEG decoding")
struct JPEGDecodingTests {
    @Test("encode then decode keeps size and approximate pixels")
    func roundTrip() throws {
        let original = TestImages.gradient(width: 64, height: 48)
        let jpeg = try JPEGEncoding.encode(original, quality: 95)
        #expect(try ImageDecoding.probe(jpeg) == ImageInfo(format: .jpeg, width: 64, height: 48))
        let decoded = try ImageDecoding.decode(jpeg)
        #expect(decoded.width == 64 && decoded.height == 48)
        let differences = zip(original.pixels, decoded.pixels).map { abs(Int($0) - Int($1)) }
        let meanDifference = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(meanDifference < 2.0)
        #expect(differences.max()! <= 16)
    }

    @Test("lower quality gives a smaller file")
    func qualityChangesSize() throws {
        let image = TestImages.gradient(width: 128, height: 96)
        let low = try JPEGEncoding.encode(image, quality: 20)
        let high = try JPEGEncoding.encode(image, quality: 95)
        #expect(low.count < high.count)
    }

    @Test("EXIF orientation turns the picture", arguments: TestImages.quadrantCorners)
    func exifOrientation(orientation: Int, topLeft: [Int], topRight: [Int]) throws {
        let stored = try JPEGEncoding.encode(TestImages.quadrants(width: 64, height: 32), quality: 95)
        let jpeg = TestImages.withEXIFOrientation(stored, orientation)
        let image = try ImageDecoding.decode(jpeg)
        let swapped = orientation >= 5
        #expect(image.width == (swapped ? 32 : 64) && image.height == (swapped ? 64 : 32))
        #expect(try ImageDecoding.probe(jpeg) == ImageInfo(format: .jpeg, width: image.width, height: image.height))
        let quarterX = image.width / 4, quarterY = image.height / 4
        #expect(TestImages.close(TestImages.pixel(image, quarterX, quarterY), topLeft, tolerance: 40))
        #expect(TestImages.close(TestImages.pixel(image, 3 * quarterX, quarterY), topRight, tolerance: 40))
    }

    @Test("little-endian Exif is read too")
    func littleEndianExif() throws {
        let stored = try JPEGEncoding.encode(TestImages.quadrants(width: 64, height: 32))
        let image = try ImageDecoding.decode(TestImages.withEXIFOrientation(stored, 6, bigEndian: false))
        #expect(image.width == 32 && image.height == 64)
    }

    @Test("DCT scaling picks the smallest scale that keeps the shorter side", arguments: [
        (nil, 800, 600), (600, 800, 600), (500, 700, 525), (256, 400, 300), (224, 300, 225), (150, 200, 150),
        (76, 200, 150), (75, 100, 75), (1, 100, 75),
    ] as [(Int?, Int, Int)])
    func dctScaling(minimum: Int?, width: Int, height: Int) throws {
        let jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 800, height: 600), quality: 90)
        let image = try ImageDecoding.decode(jpeg, minimumShorterSide: minimum)
        #expect(image.width == width && image.height == height)
        // Still the same picture: red grows left to right, green top to bottom.
        let middle = TestImages.pixel(image, width / 2, height / 2)
        #expect(TestImages.close(middle, [128, 128, 100], tolerance: 8))
        #expect(TestImages.pixel(image, width - 2, 1)[0] > 240)
        #expect(TestImages.pixel(image, 1, height - 2)[1] > 240)
    }

    @Test("scale choice rounds up like libjpeg")
    func scaleRounding() {
        #expect(JPEGDecoder.scaleEighths(width: 1001, height: 2000, minimumShorterSide: 126) == 1)
        #expect(JPEGDecoder.scaleEighths(width: 1001, height: 2000, minimumShorterSide: 127) == 2)
        #expect(JPEGDecoder.scaleEighths(width: 640, height: 480, minimumShorterSide: 256) == 5)
        #expect(JPEGDecoder.scaleEighths(width: 640, height: 480, minimumShorterSide: 300) == 5)
        #expect(JPEGDecoder.scaleEighths(width: 640, height: 480, minimumShorterSide: 301) == 6)
        #expect(JPEGDecoder.scaleEighths(width: 2000, height: 1001, minimumShorterSide: 1002) == 8)
        #expect(JPEGDecoder.scaleEighths(width: 2000, height: 1001, minimumShorterSide: 0) == 8)
    }

    @Test("DCT scaling and orientation together")
    func scalingWithOrientation() throws {
        let stored = try JPEGEncoding.encode(TestImages.quadrants(width: 800, height: 600))
        let image = try ImageDecoding.decode(TestImages.withEXIFOrientation(stored, 6), minimumShorterSide: 224)
        #expect(image.width == 225 && image.height == 300, "decoded at 3/8 (300×225), then turned")
    }

    @Test("grayscale JPEG becomes RGB with equal channels")
    func grayscale() throws {
        let image = try ImageDecoding.decode(try TestImages.fixture("gray.jpg"))
        #expect(image.width == 32 && image.height == 24)
        let row = (0..<32).map { TestImages.pixel(image, $0, 12) }
        #expect(row.allSatisfy { $0[0] == $0[1] && $0[1] == $0[2] })
        #expect(row[0][0] < 16 && row[31][0] > 239)
        #expect(zip(row, row.dropFirst()).allSatisfy { $1[0] >= $0[0] - 3 })
    }

    @Test("Adobe CMYK JPEG becomes RGB")
    func cmyk() throws {
        let image = try ImageDecoding.decode(try TestImages.fixture("cmyk.jpg"))
        #expect(image.width == 32 && image.height == 24)
        #expect(TestImages.close(TestImages.pixel(image, 4, 12), [255, 0, 0], tolerance: 24))
        #expect(TestImages.close(TestImages.pixel(image, 28, 12), [0, 0, 255], tolerance: 24))
    }

    @Test("progressive JPEG decodes")
    func progressive() throws {
        let image = try ImageDecoding.decode(try TestImages.fixture("progressive.jpg"))
        #expect(image.width == 64 && image.height == 48)
        #expect(TestImages.close(TestImages.pixel(image, 32, 24), [130, 130, 128], tolerance: 12))
    }

    @Test("progressive JPEG with 190 scans is refused")
    func tooManyScans() throws {
        let bytes = try TestImages.fixture("many-scans.jpg")
        #expect(try ImageDecoding.probe(bytes) == ImageInfo(format: .jpeg, width: 16, height: 16))
        let error = #expect(throws: ImagingError.self) { try ImageDecoding.decode(bytes) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("scans") == true)
    }

    @Test("thumbnail: longest side 256, still a JPEG")
    func thumbnail() throws {
        let photo = TestImages.gradient(width: 1000, height: 600)
        let thumbnail = try JPEGEncoding.encode(photo.resized(toFitLongestSide: 256), quality: 80)
        #expect(try ImageDecoding.probe(thumbnail) == ImageInfo(format: .jpeg, width: 256, height: 154))
    }

    @Test("encoding an empty image is an error")
    func encodeEmpty() {
        let error = #expect(throws: ImagingError.self) {
            try JPEGEncoding.encode(RGBImage(width: 0, height: 0, pixels: []))
        }
        #expect(error?.code == .encodingFailed)
    }
}
