import FuzzTestSupport
import Foundation
import Testing
@testable import Inference

@Suite("Fuzz: image header checks")
struct ImageHeaderFuzzTests {
    /// Valid headers to mutate: JPEGs and PNGs with and without Exif orientation and a time taken, PNG signature +
    /// IHDR + chunks.
    static func seeds() throws -> [[UInt8]] {
        let jpeg = try JPEGEncoding.encode(TestImages.gradient(width: 24, height: 16), quality: 80)
        return [
            jpeg, TestImages.withEXIFOrientation(jpeg, 6), TestImages.withEXIFOrientation(jpeg, 8, bigEndian: false),
            PictureMetadataTests.withMetadata(jpeg, orientation: 5),
            try CaptureTimeTests.jpeg(taken: "2026:03:12 14:03:22", offset: "+01:00"),
            try CaptureTimeTests.jpeg(taken: "2025:12:24 18:00:00", bigEndian: false),
            try TestImages.fixture("progressive.jpg"), try TestImages.fixture("cmyk.jpg"),
            BadInputTests.tinyPNG(chunks: [("tEXt", Array("Comment\0fuzz".utf8))]),
            BadInputTests.pngHeader(width: 640, height: 480),
            PNGExifTests.quadrants([("eXIf", PNGExifTests.orientation(8))]),
            PNGExifTests.quadrants([("eXIf", CaptureTimeTests.tiff(taken: "2026:03:12 14:03:22", offset: "+01:00", bigEndian: false))]),
        ]
    }

    @Test("MLP_FUZZ_CASES (100 000) mutated headers: probe, pixel cap and chunk walk give an answer or an ImagingError; metadata removal gives a file that a second pass leaves alone; a turned file probes as the picture turned",
          .timeLimit(.minutes(10)))
    func mutatedHeaders() throws {
        let seeds = try Self.seeds()
        var failures = FuzzFailures()
        var refused = 0
        for index in 0..<FuzzGenerator.cases where !failures.tooMany {
            var fuzz = FuzzGenerator(seed: 0x1A6E, case: index)
            var bytes = fuzz.pick(seeds)
            if fuzz.chance(1, in: 2) { Self.overwriteSize(&bytes, fuzz: &fuzz) }
            bytes = fuzz.mutateBytes(bytes, donor: fuzz.pick(seeds))
            let cleaned = PictureMetadata.removed(from: bytes)
            failures.check(cleaned.count <= bytes.count + 40, "case \(index): metadata removal grew \(bytes.count) bytes to \(cleaned.count)")
            failures.check(PictureMetadata.removed(from: cleaned) == cleaned, "case \(index): a second metadata removal changed the file")
            let limits = ImageLimits(
                maxBytes: fuzz.pick([1, 100, 20 << 20]), maxPixels: fuzz.pick([1, 4096, 50_000_000, Int.max]),
                maxDimension: fuzz.pick([1, 64, 20_000, Int.max])
            )
            do {
                let info = try ImageDecoding.probe(bytes)
                let sniffed = ImageFormat.sniff(bytes)
                failures.check(info.format == sniffed, "case \(index): probed \(info.format), magic says \(String(describing: sniffed))")
                failures.check(info.width > 0 && info.height > 0, "case \(index): size \(info.width)×\(info.height)")
                try limits.check(width: info.width, height: info.height)
                failures.check(
                    info.width <= limits.maxDimension && info.height <= limits.maxDimension
                        && info.width.multipliedReportingOverflow(by: info.height).partialValue <= limits.maxPixels,
                    "case \(index): \(info.width)×\(info.height) passed \(limits)"
                )
                // Turning rewrites only the orientation: the turned file probes as the picture turned.
                let turns = fuzz.int(-3...3)
                if let turned = try PictureOrientation.turned(bytes, clockwise: turns) {
                    let shown = try ImageDecoding.probe(turned)
                    let sides = turns % 2 == 0 ? (info.width, info.height) : (info.height, info.width)
                    failures.check(shown.width == sides.0 && shown.height == sides.1 && shown.captureTime == info.captureTime,
                                   "case \(index): turned \(turns) probes \(shown), not \(sides) as \(info) turned")
                }
                if info.format == .png { try PNGHeader.checkChunkSizes(bytes, maxChunkBytes: fuzz.pick([0, 16, 1 << 20])) }
            } catch is ImagingError {
                refused += 1
            } catch {
                failures.check(false, "case \(index): untyped error \(type(of: error)): \(error)")
            }
        }
        // Some cases must get through to the limit checks, and some must be refused.
        #expect(refused > 0 && refused < FuzzGenerator.cases)
    }

    /// Puts an edge-case width or height into the JPEG frame header or the PNG IHDR.
    static func overwriteSize(_ bytes: inout [UInt8], fuzz: inout FuzzGenerator) {
        let value = fuzz.pick([0, 1, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, fuzz.int(0...70_000)])
        if bytes.starts(with: PNGHeader.signature), bytes.count >= 24 {
            let offset = fuzz.pick([16, 20])
            for byte in 0..<4 { bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * (3 - byte))) }
        } else if let sof = (2..<max(2, bytes.count - 8)).first(where: { bytes[$0] == 0xFF && (0xC0...0xC2).contains(bytes[$0 + 1]) }) {
            let offset = sof + fuzz.pick([5, 7])
            bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
            bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
        }
    }
}
