import Testing

@testable import Inference

@Suite("Resizing and cropping")
struct ResizingTests {
    static func gray(_ values: [UInt8], width: Int) -> RGBImage {
        RGBImage(width: width, height: values.count / width, pixels: values.flatMap { [$0, $0, $0] })
    }

    static func channel0(_ image: RGBImage) -> [Int] {
        stride(from: 0, to: image.pixels.count, by: 3).map { Int(image.pixels[$0]) }
    }

    @Test("resizing only the centre window gives exactly the pixels of resizing everything and cropping", arguments: [
        (400, 300, 341, 256, 224, 224), (640, 480, 341, 256, 224, 224), (300, 400, 256, 341, 224, 224),
        (37, 23, 80, 50, 31, 9), (224, 224, 224, 224, 224, 224), (500, 500, 256, 256, 300, 300), (9, 5, 3, 2, 1, 1),
    ] as [(Int, Int, Int, Int, Int, Int)])
    func windowMatchesFullResizeThenCrop(sourceWidth: Int, sourceHeight: Int, width: Int, height: Int, cropWidth: Int, cropHeight: Int) {
        var state: UInt32 = 2_463_534_242
        let pixels = (0..<(sourceWidth * sourceHeight * 3)).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        let image = RGBImage(width: sourceWidth, height: sourceHeight, pixels: pixels)
        let expected = image.resized(width: width, height: height).centerCropped(width: cropWidth, height: cropHeight)
        let window = image.resizedAndCenterCropped(width: width, height: height, cropWidth: cropWidth, cropHeight: cropHeight)
        #expect(window == expected)
    }

    @Test("a constant image stays constant", arguments: [(11, 7), (80, 50), (37, 23), (1, 1), (200, 3)])
    func constant(width: Int, height: Int) {
        let image = TestImages.constant(width: 37, height: 23, [10, 200, 77])
        #expect(image.resized(width: width, height: height) == TestImages.constant(width: width, height: height, [10, 200, 77]))
    }

    @Test("shrinking matches Pillow's antialiased bilinear")
    func matchesPillowWhenShrinking() {
        // Reference values from Pillow's Image.resize(..., BILINEAR) on the same inputs.
        #expect(Self.channel0(Self.gray([0, 100, 200, 50], width: 4).resized(width: 2, height: 1)) == [71, 121])
        let nine = Self.gray((0..<9).map { UInt8(($0 * 37) % 256) }, width: 9)
        #expect(TestImages.close(Self.channel0(nine.resized(width: 4, height: 1)), [31, 106, 172, 61], tolerance: 1))
        var pixels: [UInt8] = []
        for y in 0..<5 {
            for x in 0..<7 {
                pixels += [UInt8((x * 40) % 256), UInt8((y * 60) % 256), UInt8((x * y * 9) % 256)]
            }
        }
        let rgb = RGBImage(width: 7, height: 5, pixels: pixels)
        let expected = [34, 60, 8, 120, 60, 27, 206, 60, 46, 34, 180, 23, 120, 180, 81, 206, 180, 139]
        #expect(TestImages.close(rgb.resized(width: 3, height: 2).pixels.map(Int.init), expected, tolerance: 1))
    }

    @Test("enlarging is bilinear")
    func enlarging() {
        #expect(Self.channel0(Self.gray([0, 255], width: 2).resized(width: 4, height: 1)) == [0, 64, 191, 255])
    }

    @Test("shrinking a fine checkerboard gives flat grey, not aliasing")
    func antialiasing() {
        let checkerboard = Self.gray((0..<(64 * 64)).map { ($0 / 64 + $0 % 64) % 2 == 0 ? 0 : 255 }, width: 64)
        let small = checkerboard.resized(width: 7, height: 9)
        #expect(Self.channel0(small).allSatisfy { abs($0 - 128) <= 4 })
    }

    @Test("fit longest side keeps aspect and never upscales")
    func fitLongestSide() {
        let wide = TestImages.constant(width: 1000, height: 500, [1, 2, 3])
        let fitted = wide.resized(toFitLongestSide: 256)
        #expect(fitted.width == 256 && fitted.height == 128)
        let tall = TestImages.constant(width: 300, height: 1001, [1, 2, 3]).resized(toFitLongestSide: 256)
        #expect(tall.width == 77 && tall.height == 256)
        let small = TestImages.constant(width: 100, height: 50, [1, 2, 3])
        #expect(small.resized(toFitLongestSide: 256) == small)
    }

    @Test("centre crop takes the middle")
    func centerCrop() {
        let image = Self.gray((0..<15).map { UInt8($0) }, width: 5)  // 5×3, values 0...14
        #expect(Self.channel0(image.centerCropped(width: 3, height: 1)) == [6, 7, 8])
        #expect(Self.channel0(image.centerCropped(width: 2, height: 2)) == [1, 2, 6, 7])
        #expect(image.centerCropped(width: 9, height: 9) == image)
    }
}
