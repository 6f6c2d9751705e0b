import Foundation
import Testing
@testable import Inference

/// Models that used to crash the loader (overflow traps, out-of-range indexing, huge allocations);
/// each must now be refused with an InferenceError.
@Suite("ONNX loader: hostile models are refused")
struct ONNXLoaderRegressionTests {
    static func refusal(_ model: ModelBuilder) throws -> InferenceError {
        try #require(throws: InferenceError.self) { try model.network() }
    }

    @Test("an initializer declaring 2^40 × 2^40 elements (multiplication overflow)")
    func hugeInitializer() throws {
        var tensor = Onnx_TensorProto()
        tensor.name = "w"
        tensor.dims = [1 << 40, 1 << 40]
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        let error = try #require(throws: InferenceError.self) { try ONNXTensorDecoder.decode(tensor) }
        #expect(error.code == .invalidModel)
        #expect(error.message.contains("tensor 'w'"))
    }

    @Test("ConstantOfShape asked for a negative or a 2^40-element tensor", arguments: [[-1, 4], [1 << 20, 1 << 20]])
    func constantOfShape(shape: [Int]) throws {
        var model = ModelBuilder()
        model.input("x", [1])
        model.integers("shape", shape)
        model.node("ConstantOfShape", ["shape"], ["fill"])
        model.node("Add", ["x", "fill"], ["y"])
        model.output("y")
        #expect(try Self.refusal(model).code == .invalidModel)
    }

    @Test("a graph input declaring 2^31 × 2^31 elements")
    func hugeInput() throws {
        var model = ModelBuilder()
        model.input("x", [1 << 31, 1 << 31])
        model.node("Relu", ["x"], ["y"])
        model.output("y")
        let error = try Self.refusal(model)
        #expect(error.code == .invalidModel)
        #expect(error.message.contains("input 'x'"))
    }

    @Test("Shape with start beyond the rank gives an empty shape instead of an invalid range")
    func shapeStartBeyondRank() throws {
        var model = ModelBuilder()
        model.input("x", [1, 2])
        model.node("Shape", ["x"], ["s"], ["start": .int(5)])
        model.node("Reshape", ["x", "s"], ["y"])
        model.output("y")
        #expect(try Self.refusal(model).code == .shapeMismatch)
    }

    @Test("Gather, Squeeze and Concat of scalars")
    func scalars() throws {
        for op in ["Gather", "Squeeze", "Concat"] {
            var model = ModelBuilder()
            model.input("x", [1])
            model.node("Constant", [], ["scalar"], ["value": .tensor(shape: [], floats: [3])])
            model.integers("zero", [0])
            let attributes: [String: ModelBuilder.Value] = op == "Concat" ? ["axis": .int(0)] : [:]
            model.node(op, op == "Concat" ? ["scalar", "scalar"] : ["scalar", "zero"], ["folded"], attributes)
            model.node("Add", ["x", "folded"], ["y"])
            model.output("y")
            let error = try Self.refusal(model)
            #expect(error.message.contains("\(op) node"), "\(op): \(error)")
        }
    }

    @Test("Reshape to a shape whose product overflows")
    func reshapeOverflow() throws {
        var model = ModelBuilder()
        model.input("x", [1, 4])
        model.integers("target", [1 << 40, 1 << 40, -1])
        model.node("Reshape", ["x", "target"], ["y"])
        model.output("y")
        #expect(try Self.refusal(model).code == .shapeMismatch)
    }

    @Test("Conv with group 2^62 and pooling with stride, kernel or pads near Int.max")
    func hugeWindowAttributes() throws {
        var conv = ModelBuilder()
        conv.input("x", [1, 4, 4, 4])
        conv.initializer("w", [4, 1, 1, 1], [1, 1, 1, 1])
        conv.node("Conv", ["x", "w"], ["y"], ["group": .int(1 << 62)])
        conv.output("y")
        #expect(try Self.refusal(conv).code == .shapeMismatch)
        for attribute in ["strides", "pads", "kernel_shape"] {
            var pool = ModelBuilder()
            pool.input("x", [1, 1, 4, 4])
            var attributes: [String: ModelBuilder.Value] = ["kernel_shape": .ints([2, 2])]
            attributes[attribute] = .ints(Array(repeating: Int.max, count: attribute == "pads" ? 4 : 2))
            pool.node("MaxPool", ["x"], ["y"], attributes)
            pool.output("y")
            #expect(throws: InferenceError.self, "\(attribute)") { try pool.network() }
        }
    }

    @Test("Softmax of a scalar along axis 0")
    func softmaxOfScalar() throws {
        var model = ModelBuilder()
        model.input("x", [1])
        model.integers("axes", [0])
        model.node("Squeeze", ["x", "axes"], ["scalar"])
        model.node("Softmax", ["scalar"], ["y"], ["axis": .int(0)])
        model.output("y")
        #expect(try Self.refusal(model).code == .shapeMismatch)
    }
}

extension ONNXLoaderRegressionTests {
    @Test("a value defined twice (a Conv's input redefined later with another rank)")
    func valueDefinedTwice() throws {
        var model = ModelBuilder()
        model.input("x", [1, 1, 4, 4])
        model.initializer("w", [1, 1, 3, 3], Array(repeating: 0.1, count: 9))
        model.node("Conv", ["x", "w"], ["c"])
        model.integers("flat", [-1])
        model.node("Reshape", ["c", "flat"], ["x"])
        model.output("x")
        let error = try Self.refusal(model)
        #expect(error.code == .invalidModel)
        #expect(error.message.contains("output 'x' is already defined"))
    }
}

extension ONNXLoaderRegressionTests {
    @Test("opset 6 broadcasting at axis Int.max (addition overflow)")
    func legacyBroadcastAxisOverflow() throws {
        var model = ModelBuilder(opset: 6)
        model.input("x", [1, 3, 2, 2])
        model.initializer("channel", [3], [1, 2, 3])
        model.node("Add", ["x", "channel"], ["y"], ["broadcast": .int(1), "axis": .int(Int.max)])
        model.output("y")
        #expect(try Self.refusal(model).code == .shapeMismatch)
    }
}
