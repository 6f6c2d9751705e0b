import Testing

@testable import Inference

@Suite("PNG decoding")
struct PNGDecodingTests {
    /// 13×11 RGB with distinct values everywhere (odd sizes exercise partial Adam7 passes).
    static let rgbSamples: [Int] = (0..<(13 * 11)).flatMap { (index: Int) -> [Int] in
        [(index * 7) % 256, (index * 13) % 256, 255 - index % 256]
    }

    @Test("8-bit RGB decodes losslessly, interlaced or not", arguments: [false, true])
    func rgb(interlaced: Bool) throws {
        let png = TestPNG(width: 13, height: 11, colorType: .rgb, interlaced: interlaced, samples: Self.rgbSamples)
        let bytes = png.encoded()
        #expect(try ImageDecoding.probe(bytes) == ImageInfo(format: .png, width: 13, height: 11))
        let image = try ImageDecoding.decode(bytes)
        #expect(image == RGBImage(width: 13, height: 11, pixels: Self.rgbSamples.map { UInt8($0) }))
    }

    @Test("16-bit RGB is scaled to 8 bits")
    func sixteenBit() throws {
        let samples = [0xABCD, 0x0000, 0xFFFF, 0x0101, 0x8000, 0x7F7F]
        let bytes = TestPNG(width: 2, height: 1, colorType: .rgb, bitDepth: 16, samples: samples).encoded()
        let image = try ImageDecoding.decode(bytes)
        // v / 257 rounded: 43981/257 = 171.1, 32768/257 = 127.5
        #expect(TestImages.close(image.pixels.map(Int.init), [171, 0, 255, 1, 128, 127], tolerance: 1))
    }

    @Test("gray of every bit depth expands to equal RGB channels", arguments: [1, 2, 4, 8, 16])
    func gray(bitDepth: Int) throws {
        let maximum = (1 << bitDepth) - 1
        let samples = (0..<8).map { $0 * maximum / 7 }
        let bytes = TestPNG(width: 8, height: 1, colorType: .gray, bitDepth: bitDepth, samples: samples).encoded()
        let image = try ImageDecoding.decode(bytes)
        let expected = samples.flatMap { value in Array(repeating: value * 255 / maximum, count: 3) }
        #expect(TestImages.close(image.pixels.map(Int.init), expected, tolerance: 1))
    }

    @Test("RGBA is composited on white")
    func rgbaOnWhite() throws {
        let samples = [200, 100, 0, 255, 200, 100, 0, 0, 200, 100, 0, 128]
        let image = try ImageDecoding.decode(TestPNG(width: 3, height: 1, colorType: .rgba, samples: samples).encoded())
        // c·a/255 + 255·(1 − a/255): opaque keeps the colour, transparent is white, half is between.
        #expect(image.pixels.map(Int.init) == [200, 100, 0, 255, 255, 255, 227, 177, 127])
    }

    @Test("gray + alpha is composited on white")
    func grayAlpha() throws {
        let samples = [0, 255, 0, 0, 100, 51]
        let image = try ImageDecoding.decode(TestPNG(width: 3, height: 1, colorType: .grayAlpha, samples: samples).encoded())
        #expect(image.pixels.map(Int.init) == [0, 0, 0, 255, 255, 255, 224, 224, 224])
    }

    @Test("4-bit palette with tRNS expands to RGB over white")
    func palette() throws {
        let plte: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255]
        let trns: [UInt8] = [255, 0]  // entry 1 fully transparent, entry 2 opaque by omission
        let png = TestPNG(
            width: 3, height: 2, colorType: .palette, bitDepth: 4, samples: [0, 1, 2, 2, 1, 0],
            chunks: [("PLTE", plte), ("tRNS", trns)]
        )
        let image = try ImageDecoding.decode(png.encoded())
        #expect(image.pixels.map(Int.init) == [255, 0, 0, 255, 255, 255, 0, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0, 0])
    }

    @Test("interlaced RGBA decodes like the non-interlaced file")
    func interlacedAlpha() throws {
        let samples = (0..<(9 * 10)).flatMap { (index: Int) -> [Int] in
            [index % 256, (index * 3) % 256, (index * 5) % 256, (index * 11) % 256]
        }
        let plain = try ImageDecoding.decode(TestPNG(width: 9, height: 10, colorType: .rgba, samples: samples).encoded())
        let interlaced = try ImageDecoding.decode(
            TestPNG(width: 9, height: 10, colorType: .rgba, interlaced: true, samples: samples).encoded()
        )
        #expect(plain == interlaced)
    }

    @Test("a small text chunk is fine")
    func smallTextChunk() throws {
        let png = TestPNG(
            width: 13, height: 11, colorType: .rgb, samples: Self.rgbSamples,
            chunks: [("tEXt", Array("Comment\u{0}hello".utf8))]
        )
        #expect(try ImageDecoding.decode(png.encoded()).width == 13)
    }
}
