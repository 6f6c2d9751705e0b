import Foundation
import Testing

@testable import Inference

@Suite("Imaging performance")
struct ImagingPerformanceTests {
    /// 4000×3000 photo-like JPEG: smooth gradients plus texture, so entropy decoding has real work to do.
    static func twelveMegapixelJPEG() throws -> [UInt8] {
        let width = 4000, height = 3000
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var noise: UInt32 = 12345
        for y in 0..<height {
            for x in 0..<width {
                noise = noise &* 1_103_515_245 &+ 12345
                let grain = Int(noise >> 27) - 16
                let texture = ((x / 7 + y / 5) % 9) * 6
                let index = (y * width + x) * 3
                pixels[index] = UInt8(clamping: x * 200 / width + texture + grain)
                pixels[index + 1] = UInt8(clamping: y * 200 / height + grain)
                pixels[index + 2] = UInt8(clamping: 120 + texture - grain)
            }
        }
        return try JPEGEncoding.encode(RGBImage(width: width, height: height, pixels: pixels), quality: 90)
    }

    @Test("12 MP JPEG: DCT scaling makes decode + preprocess to 224² much faster")
    func twelveMegapixel() throws {
        let jpeg = try Self.twelveMegapixelJPEG()
        let recipe = Preprocessing(shorterSide: 256, cropWidth: 224, cropHeight: 224, mean: [127, 127, 127], std: [128, 128, 128])
        /// Median wall time and median CPU time of this thread (less disturbed by other processes).
        func run(minimum: Int?) throws -> (wall: Duration, cpu: Duration) {
            var wall: [Duration] = [], cpu: [Duration] = []
            for _ in 0..<7 {
                let cpuStart = Self.threadCPUTime()
                wall.append(
                    try ContinuousClock().measure {
                        let image = try ImageDecoding.decode(jpeg, minimumShorterSide: minimum)
                        #expect(recipe.tensor(from: image).count == 3 * 224 * 224)
                    }
                )
                cpu.append(Self.threadCPUTime() - cpuStart)
            }
            return (wall.sorted()[3], cpu.sorted()[3])
        }
        let scaled = try run(minimum: recipe.shorterSide)
        let full = try run(minimum: nil)
        print("12 MP JPEG (\(jpeg.count) bytes) decode + preprocess, median of 7:")
        print("  DCT-scaled: wall \(scaled.wall), thread CPU \(scaled.cpu)")
        print("  full size:  wall \(full.wall), thread CPU \(full.cpu)")
        // Relative, so a loaded CI machine cannot make it flaky; absolute figures are printed above.
        #expect(scaled.cpu * 2 < full.cpu)
    }

    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
