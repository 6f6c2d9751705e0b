import Testing

@testable import Inference

@Suite("Preprocessing")
struct PreprocessingTests {
    @Test("known tiny image gives the expected NCHW numbers")
    func tinyImage() {
        // 4×2: pixel (x, y) = (10x + y, 100 + x, 200 − y). Shorter side already 2, so the crop takes x = 1...2.
        var pixels: [UInt8] = []
        for y in 0..<2 {
            for x in 0..<4 {
                pixels += [UInt8(10 * x + y), UInt8(100 + x), UInt8(200 - y)]
            }
        }
        let image = RGBImage(width: 4, height: 2, pixels: pixels)
        let recipe = Preprocessing(shorterSide: 2, cropWidth: 2, cropHeight: 2, mean: [1, 2, 3], std: [2, 4, 8])
        let tensor = recipe.tensor(from: image)
        let expected: [Float] = [
            (10 - 1) / 2, (20 - 1) / 2, (11 - 1) / 2, (21 - 1) / 2,  // R plane, rows y = 0, 1
            (101 - 2) / 4, (102 - 2) / 4, (101 - 2) / 4, (102 - 2) / 4,  // G plane
            (200 - 3) / 8, (200 - 3) / 8, (199 - 3) / 8, (199 - 3) / 8,  // B plane
        ]
        #expect(tensor.count == 12)
        #expect(zip(tensor, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test("EfficientNet recipe on a mid-grey photo gives zeros of the right shape")
    func shapeAndNormalisation() {
        let recipe = Preprocessing(shorterSide: 256, cropWidth: 224, cropHeight: 224, mean: [127, 127, 127], std: [128, 128, 128])
        let tensor = recipe.tensor(from: TestImages.constant(width: 640, height: 480, [127, 255, 0]))
        #expect(tensor.count == 3 * 224 * 224)
        let plane = 224 * 224
        #expect(tensor[0..<plane].allSatisfy { $0 == 0 })
        #expect(tensor[plane..<2 * plane].allSatisfy { $0 == 1 })
        #expect(tensor[2 * plane..<3 * plane].allSatisfy { abs($0 + 127 / 128) < 1e-6 })
    }

    @Test("left stays left: channels are planar and rows are not transposed")
    func layout() {
        let image = TestImages.quadrants(width: 600, height: 400)
        let recipe = Preprocessing(shorterSide: 8, cropWidth: 8, cropHeight: 8, mean: [0, 0, 0], std: [255, 255, 255])
        let tensor = recipe.tensor(from: image)
        let red = Array(tensor[0..<64]), blue = Array(tensor[128..<192])
        #expect(red[0] > 0.9 && red[7] < 0.1)  // top row: red on the left, green on the right
        #expect(blue[56] > 0.9 && blue[0] < 0.1)  // bottom-left is blue
    }

    @Test("shorter side resize rounds the longer side")
    func resizedSize() {
        let recipe = Preprocessing(shorterSide: 256, cropWidth: 224, cropHeight: 224, mean: [0, 0, 0], std: [1, 1, 1])
        #expect(recipe.resizedSize(width: 640, height: 480) == (341, 256))
        #expect(recipe.resizedSize(width: 480, height: 641) == (256, 342))
        // Very wide image: still at least the crop in both directions.
        let small = Preprocessing(shorterSide: 100, cropWidth: 224, cropHeight: 224, mean: [0, 0, 0], std: [1, 1, 1])
        #expect(small.resizedSize(width: 1000, height: 100) == (2240, 224))
    }
}
