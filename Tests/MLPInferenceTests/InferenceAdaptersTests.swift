import Foundation
import Inference
import MLPDomain
@testable import MLPInference
import Testing

/// Pictures made with the engine's own JPEG encoder, so no image files are needed.
enum GeneratedPictures {
    static func gradient(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 3
                pixels[index] = UInt8(x * 255 / max(width - 1, 1))
                pixels[index + 1] = UInt8(y * 255 / max(height - 1, 1))
                pixels[index + 2] = 128
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    static func jpeg(width: Int, height: Int) throws -> [UInt8] {
        try JPEGEncoding.encode(gradient(width: width, height: height), quality: 90)
    }
}

@Suite struct InferenceImageProcessorTests {
    let processor = InferenceImageProcessor(limits: ImageLimits(maxBytes: 1 << 20, maxPixels: 1_000_000, maxDimension: 2000))

    @Test func inspectsByMagicBytesAndMakesSmallJPEGThumbnails() throws {
        let bytes = try GeneratedPictures.jpeg(width: 640, height: 480)
        #expect(try processor.inspect(bytes) == ImageFacts(contentType: "image/jpeg", width: 640, height: 480))
        let thumbnail = try processor.thumbnail(bytes, longestSide: 256)
        let facts = try processor.inspect(thumbnail)
        #expect(facts.contentType == "image/jpeg")
        #expect(facts.width == 256 && facts.height == 192)
    }

    @Test func refusesOtherFormatsOversizeAndPixelBombs() throws {
        let text = try #require(throws: DomainError.self) { try processor.inspect(Array("hello, not a picture".utf8)) }
        #expect(text.code == .unsupportedMediaType)
        let big = try #require(throws: DomainError.self) { try processor.inspect([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 1 << 20)) }
        #expect(big.code == .tooLarge)
        // A frame header claiming 1500×1500 (2.25 MP, over the 1 MP cap) and no pixel data.
        let bomb: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x05, 0xDC, 0x05, 0xDC, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xDA]
        let pixels = try #require(throws: DomainError.self) { try processor.inspect(bomb) }
        #expect(pixels.code == .validation)
        #expect(pixels.fieldErrors.map(\.field) == ["image"])
    }

    @Test func withoutMetadataTheFileSaysNothingMoreThanThePicture() throws {
        let plain = try GeneratedPictures.jpeg(width: 64, height: 48)
        // Exif (orientation 6, then a position as text) and a comment after SOI, as a phone would write them.
        let exif = Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
            + Array("GPSLatitude 48.8584".utf8)
        let comment = Array("taken at home".utf8)
        let phone = Array(plain[..<2]) + [0xFF, 0xE1, 0, UInt8(exif.count + 2)] + exif + [0xFF, 0xFE, 0, UInt8(comment.count + 2)] + comment
            + Array(plain[2...])
        let cleaned = processor.withoutMetadata(phone)
        let text = String(decoding: cleaned, as: UTF8.self)
        #expect(!text.contains("GPSLatitude") && !text.contains("taken at home"))
        // Turned the same way (48×64 once turned), and the same thumbnail.
        #expect(try processor.inspect(cleaned) == processor.inspect(phone))
        #expect(try processor.inspect(cleaned) == ImageFacts(contentType: "image/jpeg", width: 48, height: 64))
        #expect(try processor.thumbnail(cleaned, longestSide: 32) == processor.thumbnail(phone, longestSide: 32))
    }

    @Test func truncatedPicturesAreValidationErrors() throws {
        let bytes = try GeneratedPictures.jpeg(width: 320, height: 240)
        let error = try #require(throws: DomainError.self) { try processor.thumbnail(Array(bytes.prefix(bytes.count / 3)), longestSide: 256) }
        #expect(error.code == .validation)
    }
}

@Suite struct RegistryImageClassifierTests {
    static let modelsDirectory = ProcessInfo.processInfo.environment["MLP_MODELS_DIR"] ?? "models"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: modelsDirectory + "/efficientnet-lite0/manifest.json")))
    func classifiesWithTheDefaultModelAndRefusesUnknownOnes() throws {
        let registry = try ModelRegistry(directory: Self.modelsDirectory, defaultName: "efficientnet-lite0")
        let classifier = RegistryImageClassifier(registry: registry, gate: InferenceGate(capacity: 1, maxWait: 1))
        #expect(classifier.defaultModel?.name == "efficientnet-lite0")
        #expect(classifier.models.first { $0.isDefault }?.classCount == 1000)
        let result = try classifier.classify(try GeneratedPictures.jpeg(width: 300, height: 300), model: nil, topK: 3)
        #expect(result.scores.count == 3)
        #expect(result.scores[0].score >= result.scores[1].score)
        #expect(result.model.name == "efficientnet-lite0")
        let unknown = try #require(throws: DomainError.self) { try classifier.classify([0xFF, 0xD8, 0xFF], model: "nope", topK: 1) }
        #expect(unknown.fieldErrors.map(\.field) == ["model"])
        let text = try #require(throws: DomainError.self) { try classifier.classify(Array("text".utf8), model: nil, topK: 1) }
        #expect(text.code == .unsupportedMediaType)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: modelsDirectory + "/efficientnet-lite0/manifest.json")))
    func classifiesAndMakesTheThumbnailFromOneDecode() throws {
        let registry = try ModelRegistry(directory: Self.modelsDirectory, defaultName: "efficientnet-lite0")
        let classifier = RegistryImageClassifier(registry: registry, gate: InferenceGate(capacity: 1, maxWait: 1))
        let processor = InferenceImageProcessor()
        let bytes = try GeneratedPictures.jpeg(width: 640, height: 480)
        let alone = try classifier.classify(bytes, model: nil, topK: 5)
        let (together, thumbnail) = try classifier.classify(
            bytes, model: nil, topK: 5, thumbnail: ThumbnailRequest(longestSide: 256, quality: 80)
        )
        // The same picture decoded at the same DCT scale: the same classes, the same scores.
        #expect(together == alone)
        let made = try #require(thumbnail)
        #expect(try processor.inspect(made) == ImageFacts(contentType: "image/jpeg", width: 256, height: 192))
        // Close to the processor's own thumbnail (decoded at another DCT scale): the same picture.
        let own = try ImageDecoding.decode(try processor.thumbnail(bytes, longestSide: 256))
        let shared = try ImageDecoding.decode(made)
        let difference = zip(own.pixels, shared.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / own.pixels.count
        #expect(difference <= 3)
        let truncated = try #require(throws: DomainError.self) {
            try classifier.classify(Array(bytes.prefix(bytes.count / 3)), model: nil, topK: 1, thumbnail: ThumbnailRequest(longestSide: 256, quality: 80))
        }
        #expect(truncated.code == .validation)
    }
}
