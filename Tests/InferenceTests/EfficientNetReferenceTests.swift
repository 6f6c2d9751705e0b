import Foundation
import Testing
@testable import Inference

/// EfficientNet-Lite0 against onnxruntime's logits stored in Fixtures/efficientnet-lite0-reference.json.
@Suite struct EfficientNetReferenceTests {
    struct Reference: Decodable {
        struct Shape: Decodable { let name: String; let shape: [Int] }
        struct Case: Decodable { let name: String; let formula: String; let top5: [Int]; let logits: [Float] }
        let model: String
        let input: Shape
        let output: Shape
        let cases: [Case]
    }

    /// The input recipes named in the fixture, evaluated in Double and rounded to Float.
    static func input(for name: String, count: Int) -> [Float]? {
        switch name {
        case "sin": (0..<count).map { Float(sin(Double($0) * 0.001) * 2.0) }
        case "cos": (0..<count).map { Float(cos(Double($0) * 0.0007) * 1.5) }
        default: nil
        }
    }

    @Test(arguments: [1, 2])
    func logitsAndTop5MatchOnnxruntime(threads: Int) throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/efficientnet-lite0-reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: try Data(contentsOf: fixture))
        let models = ProcessInfo.processInfo.environment["MLP_MODELS_DIR"] ?? "models"
        let modelFile = "\(models)/\(reference.model)/model.onnx"
        guard FileManager.default.fileExists(atPath: modelFile) else {
            Issue.record("\(modelFile) not found: prepare the model or set MLP_MODELS_DIR")
            return
        }
        let network = try Network(contentsOf: modelFile, options: NetworkOptions(threads: threads))
        #expect(network.inputs == [TensorSpec(name: reference.input.name, shape: reference.input.shape)])
        for testCase in reference.cases {
            let count = reference.input.shape.reduce(1, *)
            let input = try #require(Self.input(for: testCase.name, count: count), "unknown recipe \(testCase.formula)")
            let outputs = try network.run([reference.input.name: Tensor(shape: reference.input.shape, values: input)])
            let logits = try #require(outputs[reference.output.name]).values
            #expect(logits.count == testCase.logits.count)
            let maxDifference = zip(logits, testCase.logits).map { abs($0 - $1) }.max() ?? .infinity
            print("efficientnet-lite0 threads=\(threads) case \(testCase.name): max |logit difference| \(maxDifference)")
            #expect(maxDifference < 1e-3, "case \(testCase.name): max |logit difference| \(maxDifference)")
            #expect(Classifier.top(5, of: logits) == testCase.top5, "case \(testCase.name)")
        }
    }
}
