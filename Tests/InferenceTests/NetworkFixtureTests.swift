import Foundation
import Testing
@testable import Inference

/// Small generated CNNs (Fixtures/networks, made by generate.py there) against onnxruntime's outputs:
/// concat of blocked layouts, LRN, ceil-mode and padded pools, grouped and depthwise convs with SAME
/// padding, folded and standalone batch norm, residual add, broadcasting Mul, Sum, Transpose, MatMul.
@Suite struct NetworkFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/networks")

    @Test(arguments: ["squeeze-fire", "alex-grouped", "mobile-residual"], [true, false])
    func matchesOnnxruntime(name: String, fuse: Bool) throws {
        let testCase = BackendTestCase(name: name, directory: Self.directory.appendingPathComponent(name))
        let network = try Network(modelBytes: try testCase.modelBytes, options: NetworkOptions(fuseOperations: fuse))
        let input = try #require(try testCase.tensors("input").first)
        let expected = try #require(try testCase.tensors("output").first)
        let output = try #require(try network.run([network.inputs[0].name: input])[network.outputs[0].name])
        #expect(output.shape.reduce(1, *) == expected.shape.reduce(1, *))
        let mismatch = firstMismatch(output.values, expected.values, rtol: 1e-3, atol: 1e-4)
        #expect(mismatch == nil, "\(name): \(String(describing: mismatch))")
    }
}
