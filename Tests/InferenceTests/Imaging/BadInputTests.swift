import Testing

@testable import Inference

@Suite("Bad image input")
struct BadInputTests {
    static func tinyPNG(chunks: [(type: String, data: [UInt8])] = []) -> [UInt8] {
        TestPNG(width: 4, height: 3, colorType: .rgb, samples: Array(repeating: 90, count: 36), chunks: chunks).encoded()
    }

    /// Signature + IHDR only, for the given size.
    static func pngHeader(width: Int, height: Int) -> [UInt8] {
        let ihdr = TestPNG.bigEndian(UInt32(width)) + TestPNG.bigEndian(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + TestPNG.chunk("IHDR", ihdr)
    }

    /// The error thrown by decode, and how long decode took.
    static func decodeFailure(_ bytes: [UInt8], limits: ImageLimits = .default) -> (ImagingError?, Duration) {
        var error: ImagingError?
        let elapsed = ContinuousClock().measure {
            error = #expect(throws: ImagingError.self) { try ImageDecoding.decode(bytes, limits: limits) }
        }
        return (error, elapsed)
    }

    @Test("zero bytes")
    func empty() {
        #expect(Self.decodeFailure([]).0?.code == .empty)
        #expect(throws: ImagingError(code: .empty, message: "no image data")) { try ImageDecoding.probe([]) }
    }

    @Test("a text file named .jpg")
    func textFile() {
        let text = Array("This is not a picture, just some text.\n".utf8)
        #expect(Self.decodeFailure(text).0?.code == .unsupportedFormat)
        #expect((#expect(throws: ImagingError.self) { try ImageDecoding.probe(text) })?.code == .unsupportedFormat)
    }

    @Test("truncated JPEG", arguments: [0.5, 0.9, 0.02])
    func truncatedJPEG(fraction: Double) throws {
        let jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 256, height: 192), quality: 90)
        let (error, elapsed) = Self.decodeFailure(Array(jpeg.prefix(Int(Double(jpeg.count) * fraction))))
        #expect(error?.code == .truncated)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("JPEG missing only its EOI marker counts as truncated")
    func jpegWithoutEOI() throws {
        let jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 64, height: 48))
        #expect(Self.decodeFailure(Array(jpeg.dropLast(2))).0?.code == .truncated)
    }

    @Test("truncated PNG", arguments: [0.5, 0.98, 0.1])
    func truncatedPNG(fraction: Double) {
        let samples = (0..<(40 * 30 * 3)).map { $0 % 251 }
        let png = TestPNG(width: 40, height: 30, colorType: .rgb, samples: samples).encoded()
        let (error, elapsed) = Self.decodeFailure(Array(png.prefix(Int(Double(png.count) * fraction))))
        #expect(error?.code == .truncated)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("30 000 × 30 000 PNG header is rejected quickly")
    func hugePNGHeader() {
        let (error, elapsed) = Self.decodeFailure(Self.pngHeader(width: 30_000, height: 30_000))
        #expect(error?.code == .dimensionTooLarge)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("too many pixels although each side is allowed")
    func tooManyPixels() {
        #expect(Self.decodeFailure(Self.pngHeader(width: 10_000, height: 6_000)).0?.code == .tooManyPixels)
        let limits = ImageLimits(maxPixels: 11)
        #expect(Self.decodeFailure(Self.tinyPNG(), limits: limits).0?.code == .tooManyPixels)
    }

    @Test("30 000 × 30 000 JPEG frame header is rejected quickly")
    func hugeJPEGHeader() throws {
        var jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 16, height: 16))
        let sof = try #require(zip(jpeg.indices, jpeg.dropFirst()).first { jpeg[$0.0] == 0xFF && $0.1 == 0xC0 }?.0)
        jpeg.replaceSubrange(sof + 5..<sof + 9, with: [0x75, 0x30, 0x75, 0x30])  // height, width = 30000
        #expect(try ImageDecoding.probe(jpeg) == ImageInfo(format: .jpeg, width: 30_000, height: 30_000))
        let (error, elapsed) = Self.decodeFailure(jpeg)
        #expect(error?.code == .dimensionTooLarge)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("file above maxBytes")
    func tooManyBytes() {
        #expect(Self.decodeFailure(Self.tinyPNG(), limits: ImageLimits(maxBytes: 20)).0?.code == .tooLarge)
    }

    @Test("huge metadata chunk is refused", arguments: ["zTXt", "iCCP", "iTXt"])
    func hugeChunk(type: String) {
        let huge = Array("name".utf8) + [0, 0] + [UInt8](repeating: 0x41, count: 6 << 20)
        let (error, elapsed) = Self.decodeFailure(Self.tinyPNG(chunks: [(type, huge)]))
        #expect(error?.code == .tooLarge)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("chunk claiming 2 GB in a small file is refused without allocating")
    func hugeChunkLength() {
        var png = Self.tinyPNG()
        let fake = TestPNG.bigEndian(0x7FFF_FFF0) + Array("iCCP".utf8) + [UInt8](repeating: 0, count: 64)
        png.insert(contentsOf: fake, at: 33)  // right after IHDR
        let (error, elapsed) = Self.decodeFailure(png)
        #expect(error?.code == .tooLarge)
        #expect(elapsed < .milliseconds(100))
    }

    @Test("CRC mismatch in image data or in an ancillary chunk", arguments: ["IDAT", "tEXt"])
    func crcError(type: String) throws {
        var png = Self.tinyPNG(chunks: [("tEXt", Array("Title\u{0}x".utf8))])
        let typeBytes = Array(type.utf8)
        let start = try #require((8..<png.count - 4).first { Array(png[$0..<$0 + 4]) == typeBytes })
        let length = png[start - 4..<start].reduce(0) { $0 << 8 | Int($1) }
        png[start + 4 + length] ^= 0xFF  // first CRC byte
        #expect(Self.decodeFailure(png).0?.code == .corrupt)
    }

    @Test("PNG with a broken IHDR")
    func brokenIHDR() {
        var png = Self.tinyPNG()
        png[12] = UInt8(ascii: "X")
        #expect(Self.decodeFailure(png).0?.code == .corrupt)
    }

    @Test("JPEG whose markers are garbage")
    func garbageJPEG() {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08] + [UInt8](repeating: 0x11, count: 40)
        #expect(Self.decodeFailure(bytes).0?.code == .corrupt)
    }
}
