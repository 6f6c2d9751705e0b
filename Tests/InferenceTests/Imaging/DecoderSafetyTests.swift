import Synchronization
import Foundation
import Testing

@testable import Inference

/// The C-level guards behind the Swift header checks, and concurrent use.
@Suite("Decoder safety")
struct DecoderSafetyTests {
    @Test("libpng's own width/height limit refuses a huge IHDR")
    func libpngUserLimits() {
        let png = BadInputTests.pngHeader(width: 30_000, height: 30_000) + TestPNG.chunk("IEND", [])
        let error = #expect(throws: ImagingError.self) { try PNGDecoder(limits: .default).decode(png) }
        #expect(error?.code == .dimensionTooLarge)
        #expect(error?.message.contains("user limit") == true)
    }

    @Test("concurrent decodes and encodes give identical results")
    func concurrentUse() throws {
        let jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 320, height: 240))
        let png = TestPNG(width: 13, height: 11, colorType: .rgb, interlaced: true, samples: PNGDecodingTests.rgbSamples).encoded()
        let expectedJPEG = try ImageDecoding.decode(jpeg, minimumShorterSide: 100)
        let expectedPNG = try ImageDecoding.decode(png)
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let same: Bool
            switch index % 3 {
            case 0: same = (try? ImageDecoding.decode(jpeg, minimumShorterSide: 100)) == expectedJPEG
            case 1: same = (try? ImageDecoding.decode(png)) == expectedPNG
            default: same = (try? JPEGEncoding.encode(expectedPNG)).map { !$0.isEmpty } ?? false
            }
            if !same { mismatches.withLock { $0 += 1 } }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test("randomly corrupted files decode or throw, quickly", arguments: ["jpeg", "progressive", "png"])
    func corruptedFiles(kind: String) throws {
        let original: [UInt8]
        switch kind {
        case "jpeg": original = try JPEGEncoding.encode(TestImages.gradient(width: 96, height: 64))
        case "progressive": original = try TestImages.fixture("progressive.jpg")
        default:
            original = TestPNG(width: 13, height: 11, colorType: .rgb, interlaced: true, samples: PNGDecodingTests.rgbSamples).encoded()
        }
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        var failures = 0
        let elapsed = ContinuousClock().measure {
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<1 + next(4) {
                    bytes[4 + next(bytes.count - 4)] = UInt8(next(256))
                }
                if next(4) == 0 { bytes.removeLast(next(bytes.count / 2)) }
                do {
                    let image = try ImageDecoding.decode(bytes, minimumShorterSide: next(2) == 0 ? nil : 20)
                    #expect(image.pixels.count == image.width * image.height * 3)
                } catch is ImagingError {
                    failures += 1
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
        #expect(failures > 0)
        #expect(elapsed < .seconds(5))
    }
}
