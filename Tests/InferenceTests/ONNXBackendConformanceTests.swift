import Foundation
import Testing
@testable import Inference

/// Runs the ONNX package's PyTorch-derived backend test cases whose operators are all supported.
@Suite struct ONNXBackendConformanceTests {
    /// Cases that must run and pass: the 2-D layers CNN classifiers are built from.
    static let required = [
        "test_Conv2d", "test_Conv2d_depthwise", "test_Conv2d_depthwise_padded", "test_Conv2d_depthwise_strided",
        "test_Conv2d_depthwise_with_multiplier", "test_Conv2d_dilated", "test_Conv2d_groups", "test_Conv2d_no_bias",
        "test_Conv2d_padding", "test_Conv2d_strided", "test_BatchNorm2d_eval", "test_AvgPool2d", "test_AvgPool2d_stride",
        "test_MaxPool2d", "test_MaxPool2d_stride_padding_dilation", "test_Linear", "test_Linear_no_bias", "test_ReLU",
        "test_LeakyReLU", "test_Sigmoid", "test_Softmax",
    ]

    @Test func pytorchConvertedAndOperatorCasesMatchExpectedOutputs() throws {
        guard let root = ProcessInfo.processInfo.environment["MLP_ONNX_BACKEND_DATA"] else {
            Issue.record("""
                MLP_ONNX_BACKEND_DATA is not set: point it at onnx/backend/test/data of the PyPI onnx package \
                (python -c "import onnx, os; print(os.path.dirname(onnx.__file__) + '/backend/test/data')")
                """)
            return
        }
        let base = URL(fileURLWithPath: root)
        var ran: [String] = [], skipped: [(String, String)] = [], failed: [(String, String)] = []
        for folder in ["pytorch-converted", "pytorch-operator"] {
            for testCase in BackendTestCase.all(in: base.appendingPathComponent(folder)) {
                let label = "\(folder)/\(testCase.name)"
                switch run(testCase) {
                case .passed: ran.append(label)
                case .skipped(let reason): skipped.append((label, reason))
                case .failed(let reason): ran.append(label); failed.append((label, reason))
                }
            }
        }
        print("ONNX backend conformance: \(ran.count) ran, \(failed.count) failed, \(skipped.count) skipped")
        for name in ran { print("  ran     \(name)\(failed.contains { $0.0 == name } ? " FAILED" : "")") }
        for (name, reason) in skipped { print("  skipped \(name): \(reason)") }
        for (name, reason) in failed { Issue.record("\(name): \(reason)") }
        let passed = Set(ran).subtracting(failed.map(\.0))
        for name in Self.required where !passed.contains("pytorch-converted/\(name)") {
            Issue.record("required case \(name) did not run and pass")
        }
        #expect(ran.count >= 30, "only \(ran.count) cases ran")
    }

    enum Outcome { case passed, skipped(String), failed(String) }

    func run(_ testCase: BackendTestCase) -> Outcome {
        let network: Network
        do {
            network = try Network(modelBytes: try testCase.modelBytes)
        } catch let error as InferenceError where error.code == .unsupported {
            return .skipped(error.message)
        } catch {
            return .failed("load: \(error)")
        }
        do {
            let inputs = try testCase.tensors("input")
            let expected = try testCase.tensors("output")
            guard inputs.count == network.inputs.count, expected.count == network.outputs.count else {
                return .failed("expected \(network.inputs.count) inputs and \(network.outputs.count) outputs in data")
            }
            var feeds: [String: Tensor] = [:]
            for (spec, tensor) in zip(network.inputs, inputs) { feeds[spec.name] = tensor }
            let results = try network.run(feeds)
            for (spec, want) in zip(network.outputs, expected) {
                guard let got = results[spec.name] else { return .failed("no output \(spec.name)") }
                if got.shape.reduce(1, *) != want.shape.reduce(1, *) {
                    return .failed("output shape \(got.shape), expected \(want.shape)")
                }
                if let bad = firstMismatch(got.values, want.values, rtol: 1e-3, atol: 1e-4) {
                    return .failed("output \(spec.name)[\(bad.index)] = \(bad.actual), expected \(bad.expected)")
                }
            }
            return .passed
        } catch {
            return .failed("run: \(error)")
        }
    }
}
