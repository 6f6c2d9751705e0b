import Foundation
@testable import Inference

/// One ONNX backend test case folder: model.onnx plus test_data_set_0/input_*.pb and output_*.pb.
struct BackendTestCase {
    let name: String
    let directory: URL

    var modelBytes: [UInt8] {
        get throws { try [UInt8](Data(contentsOf: directory.appendingPathComponent("model.onnx"))) }
    }

    func tensors(_ prefix: String) throws -> [Tensor] {
        let dataSet = directory.appendingPathComponent("test_data_set_0")
        var result: [Tensor] = []
        var index = 0
        while true {
            let file = dataSet.appendingPathComponent("\(prefix)_\(index).pb")
            guard FileManager.default.fileExists(atPath: file.path) else { return result }
            let proto = try Onnx_TensorProto(serializedBytes: [UInt8](Data(contentsOf: file)))
            let constant = try ONNXTensorDecoder.decode(proto)
            result.append(Tensor(shape: constant.shape, values: constant.floats))
            index += 1
        }
    }

    /// All case folders (those holding a model.onnx) directly under `directory`, sorted by name.
    static func all(in directory: URL) -> [BackendTestCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.onnx").path) else { return nil }
            return BackendTestCase(name: name, directory: folder)
        }
    }
}

/// Element-wise comparison with relative and absolute tolerance; returns the worst offending index.
func firstMismatch(_ actual: [Float], _ expected: [Float], rtol: Float, atol: Float) -> (index: Int, actual: Float, expected: Float)? {
    guard actual.count == expected.count else { return (-1, Float(actual.count), Float(expected.count)) }
    for index in actual.indices {
        let difference = abs(actual[index] - expected[index])
        if !(difference <= atol + rtol * abs(expected[index])) { return (index, actual[index], expected[index]) }
    }
    return nil
}
