import Foundation
import Testing
@testable import Inference

@Suite struct ClassifierTests {
    func classifier() throws -> (Classifier, String) {
        let directory = try ModelRegistryTests.makeModels([("tiny", "00")])
        return (Classifier(model: try ModelRegistry(directory: directory).defaultModel), directory)
    }

    @Test func topKIsSortedSoftmaxOfTheLogits() throws {
        let (classifier, directory) = try classifier()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tensor = NetworkTests.input(1)
        let logits = try classifier.model.network.run(tensor)
        let results = try classifier.classify(tensor: tensor, topK: 3)
        #expect(results.count == 3)
        #expect(abs(results.map(\.score).reduce(0, +) - 1) < 1e-5)
        #expect(results.map(\.score) == results.map(\.score).sorted(by: >))
        let best = try #require(logits.indices.max { logits[$0] < logits[$1] })
        #expect(results[0].classIndex == best)
        #expect(results[0].label == ["cat", "dog", "bird"][best])
        #expect(try classifier.classify(tensor: tensor, topK: 1).count == 1)
    }

    @Test func imageBytesGoThroughDecodeResizeAndNormalise() throws {
        let (classifier, directory) = try classifier()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pixels = (0..<(20 * 12 * 3)).map { UInt8(($0 * 7) % 256) }
        let image = RGBImage(width: 20, height: 12, pixels: pixels)
        let jpeg = try JPEGEncoding.encode(image, quality: 95)
        // The classifier decodes with DCT scaling down to the model's shorter side (here 7/8: 18×11).
        let decoded = try ImageDecoding.decode(jpeg, minimumShorterSide: 10)
        #expect(decoded.width == 18 && decoded.height == 11)
        let tensor = Preprocessing(shorterSide: 10, cropWidth: 8, cropHeight: 8, mean: [127, 127, 127], std: [128, 128, 128])
            .tensor(from: decoded)
        #expect(try classifier.classify(imageBytes: jpeg, topK: 3) == classifier.classify(tensor: tensor, topK: 3))
        #expect(throws: ImagingError.self) { try classifier.classify(imageBytes: Array("hello".utf8)) }
    }
}
