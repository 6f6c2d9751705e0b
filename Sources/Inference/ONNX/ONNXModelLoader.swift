import Foundation
import SwiftProtobuf

/// Turns ONNX protobuf bytes into a `Graph`, checking opset and operator support.
enum ONNXModelLoader {
    /// Default-domain opsets this engine implements. Opset 6 is accepted because the ONNX package's
    /// PyTorch-converted conformance data uses it; its legacy Add/Mul broadcasting is handled in shape inference.
    static let supportedOpsets = 6...17

    /// Operators the engine can run (after constant folding more may disappear).
    static let supportedOperators: Set<String> = [
        "Conv", "Relu", "Clip", "Sigmoid", "LeakyRelu", "Add", "Sum", "Mul", "BatchNormalization",
        "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LRN", "Flatten", "Reshape",
        "Transpose", "Unsqueeze", "Squeeze", "Concat", "Gemm", "MatMul", "Softmax", "Dropout",
        "Identity", "Constant", "ConstantOfShape", "Shape", "Gather",
    ]

    static func load(_ bytes: [UInt8]) throws -> Graph {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw InferenceError(.invalidModel, "not an ONNX model: \(error)")
        }
        guard model.hasGraph else { throw InferenceError(.invalidModel, "ONNX model has no graph") }
        let opset = try defaultOpset(model.opsetImport)
        let proto = model.graph

        var constants: [String: ConstantTensor] = [:]
        for initializer in proto.initializer {
            constants[initializer.name] = try ONNXTensorDecoder.decode(initializer)
        }
        let inputs = try proto.input.filter { constants[$0.name] == nil }.map(graphInput)
        let nodes = try proto.node.enumerated().map { index, node in try convert(node, index: index) }
        guard !proto.output.isEmpty else { throw InferenceError(.invalidModel, "ONNX graph has no outputs") }
        return Graph(
            nodes: nodes, constants: constants, inputs: inputs, outputs: proto.output.map(\.name), opset: opset
        )
    }

    private static func defaultOpset(_ imports: [Onnx_OperatorSetIdProto]) throws -> Int {
        guard let entry = imports.first(where: { $0.domain.isEmpty || $0.domain == "ai.onnx" }) else {
            throw InferenceError(.invalidModel, "model imports no opset of the default ONNX domain")
        }
        let version = Int(entry.version)
        guard supportedOpsets.contains(version) else {
            throw InferenceError(
                .unsupported,
                "opset \(version) of the default domain is not supported (supported: 6...17)"
            )
        }
        return version
    }

    private static func graphInput(_ info: Onnx_ValueInfoProto) throws -> GraphInput {
        let type = info.type.tensorType
        guard type.elemType == Onnx_TensorProto.DataType.float.rawValue else {
            throw InferenceError(.unsupported, "graph input '\(info.name)' is not float32 (type \(type.elemType))")
        }
        let shape: [Int?] = type.shape.dim.map { dimension in
            if case .dimValue(let value)? = dimension.value, value > 0 { return Int(value) }
            return nil
        }
        return GraphInput(name: info.name, shape: shape)
    }

    private static func convert(_ proto: Onnx_NodeProto, index: Int) throws -> Node {
        let name = proto.name.isEmpty ? "\(proto.opType)_\(index)" : proto.name
        guard proto.domain.isEmpty || proto.domain == "ai.onnx" else {
            throw InferenceError(
                .unsupported, "\(proto.opType) node '\(name)': operator domain '\(proto.domain)' is not supported"
            )
        }
        guard supportedOperators.contains(proto.opType) else {
            throw InferenceError(.unsupported, "\(proto.opType) node '\(name)': operator \(proto.opType) is not supported")
        }
        var attributes: [String: Attribute] = [:]
        for attribute in proto.attribute {
            attributes[attribute.name] = try convert(attribute, node: name, opType: proto.opType)
        }
        return Node(name: name, opType: proto.opType, inputs: proto.input, outputs: proto.output, attributes: attributes)
    }

    private static func convert(_ proto: Onnx_AttributeProto, node: String, opType: String) throws -> Attribute {
        switch proto.type {
        case .float: return .float(proto.f)
        case .int: return .int(Int(proto.i))
        case .string: return .string(String(decoding: proto.s, as: UTF8.self))
        case .tensor: return .tensor(try ONNXTensorDecoder.decode(proto.t))
        case .floats: return .floats(proto.floats)
        case .ints: return .ints(proto.ints.map { Int($0) })
        case .strings: return .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) })
        default:
            throw InferenceError(
                .unsupported, "\(opType) node '\(node)': attribute '\(proto.name)' has unsupported type \(proto.type)"
            )
        }
    }
}
