import Foundation
@testable import Inference

/// Builds small ONNX models in memory for tests.
struct ModelBuilder {
    enum Value {
        case int(Int)
        case float(Float)
        case ints([Int])
        case floats([Float])
        case string(String)
        case tensor(shape: [Int], floats: [Float])
    }

    var opset = 13
    private var graph = Onnx_GraphProto()
    private var counter = 0

    init(opset: Int = 13) { self.opset = opset }

    mutating func input(_ name: String, _ shape: [Int?]) {
        graph.input.append(Self.valueInfo(name, shape))
    }

    mutating func output(_ name: String) {
        graph.output.append(Self.valueInfo(name, []))
    }

    mutating func initializer(_ name: String, _ shape: [Int], _ values: [Float]) {
        graph.initializer.append(Self.tensor(name, shape, values))
    }

    mutating func integers(_ name: String, _ values: [Int]) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = [Int64(values.count)]
        tensor.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        tensor.int64Data = values.map { Int64($0) }
        graph.initializer.append(tensor)
    }

    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], _ attributes: [String: Value] = [:]) {
        var node = Onnx_NodeProto()
        counter += 1
        node.name = "\(op.lowercased())\(counter)"
        node.opType = op
        node.input = inputs
        node.output = outputs
        node.attribute = attributes.sorted { $0.key < $1.key }.map { Self.attribute($0.key, $0.value) }
        graph.node.append(node)
    }

    func bytes() throws -> [UInt8] {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var opsetImport = Onnx_OperatorSetIdProto()
        opsetImport.domain = ""
        opsetImport.version = Int64(opset)
        model.opsetImport = [opsetImport]
        model.graph = graph
        return try model.serializedBytes()
    }

    func network(_ options: NetworkOptions = NetworkOptions()) throws -> Network {
        try Network(modelBytes: try bytes(), options: options)
    }

    /// Runs a one-input, one-output model.
    func run(_ input: [Float], fuse: Bool = true) throws -> [Float] {
        try network(NetworkOptions(fuseOperations: fuse)).run(input)
    }

    private static func valueInfo(_ name: String, _ shape: [Int?]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var type = Onnx_TypeProto.Tensor()
        type.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var tensorShape = Onnx_TensorShapeProto()
        tensorShape.dim = shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            if let size { dimension.dimValue = Int64(size) } else { dimension.dimParam = "N" }
            return dimension
        }
        type.shape = tensorShape
        info.type.tensorType = type
        return info
    }

    private static func tensor(_ name: String, _ shape: [Int], _ values: [Float]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = shape.map { Int64($0) }
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        tensor.rawData = values.withUnsafeBytes { Data($0) }
        return tensor
    }

    private static func attribute(_ name: String, _ value: Value) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        switch value {
        case .int(let value): attribute.type = .int; attribute.i = Int64(value)
        case .float(let value): attribute.type = .float; attribute.f = value
        case .ints(let values): attribute.type = .ints; attribute.ints = values.map { Int64($0) }
        case .floats(let values): attribute.type = .floats; attribute.floats = values
        case .string(let value): attribute.type = .string; attribute.s = Data(value.utf8)
        case .tensor(let shape, let values): attribute.type = .tensor; attribute.t = tensor("", shape, values)
        }
        return attribute
    }
}

/// Values equal within `tolerance`.
func approximatelyEqual(_ a: [Float], _ b: [Float], tolerance: Float = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
