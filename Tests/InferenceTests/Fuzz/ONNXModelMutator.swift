import Foundation
@testable import Inference

/// Structural mutations of a decoded ONNX model: out-of-range dimensions, attributes and indices, huge
/// declared sizes, missing initializers, rewired inputs (cycles, dangling names), reordered or
/// duplicated nodes, other operators, other data types, broken tensor payloads.
struct ONNXModelMutator {
    var fuzz: FuzzGenerator

    static let operators = Array(ONNXModelLoader.supportedOperators).sorted() + ["Tanh", "Loop", ""]

    mutating func mutate(_ model: inout Onnx_ModelProto) {
        for _ in 0..<fuzz.int(1...3) { mutateOnce(&model) }
    }

    private mutating func mutateOnce(_ model: inout Onnx_ModelProto) {
        var graph = model.graph
        let nodeCount = graph.node.count
        switch fuzz.int(0...13) {
        case 0 where !graph.initializer.isEmpty:  // an initializer's dimension out of range or huge
            let index = fuzz.int(0...graph.initializer.count - 1)
            mutateDims(&graph.initializer[index].dims)
        case 1 where !graph.input.isEmpty:  // a graph input's declared dimension
            let index = fuzz.int(0...graph.input.count - 1)
            var dims = graph.input[index].type.tensorType.shape.dim.map(\.dimValue)
            mutateDims(&dims)
            graph.input[index].type.tensorType.shape.dim = dims.map { value in
                var dimension = Onnx_TensorShapeProto.Dimension()
                dimension.dimValue = value
                return dimension
            }
        case 2 where nodeCount > 0:  // an attribute value out of range
            let index = fuzz.int(0...nodeCount - 1)
            mutateAttribute(&graph.node[index])
        case 3 where nodeCount > 0:  // an input rewired: dangling, omitted, own output, a later node's output
            let index = fuzz.int(0...nodeCount - 1)
            let later = graph.node[index...].flatMap(\.output)
            let name = fuzz.pick(["", "missing", graph.node[index].output.first ?? "x"] + later)
            if graph.node[index].input.isEmpty || fuzz.chance(1, in: 4) {
                graph.node[index].input.append(name)
            } else {
                graph.node[index].input[fuzz.int(0...graph.node[index].input.count - 1)] = name
            }
        case 4 where !graph.initializer.isEmpty:  // a missing initializer
            graph.initializer.remove(at: fuzz.int(0...graph.initializer.count - 1))
        case 5 where nodeCount > 1:  // nodes out of order (a use before its definition)
            graph.node.swapAt(fuzz.int(0...nodeCount - 1), fuzz.int(0...nodeCount - 1))
        case 6 where nodeCount > 0:  // a node removed or duplicated
            let index = fuzz.int(0...nodeCount - 1)
            if fuzz.chance(1, in: 2) { graph.node.remove(at: index) } else { graph.node.insert(graph.node[index], at: fuzz.int(0...nodeCount)) }
        case 7 where nodeCount > 0:  // another operator with the same wiring
            graph.node[fuzz.int(0...nodeCount - 1)].opType = fuzz.pick(Self.operators)
        case 8 where !graph.initializer.isEmpty:  // payload and type of an initializer
            let index = fuzz.int(0...graph.initializer.count - 1)
            mutatePayload(&graph.initializer[index])
        case 9:  // opset
            if model.opsetImport.isEmpty { model.opsetImport.append(Onnx_OperatorSetIdProto()) }
            model.opsetImport[0].version = fuzz.pick([0, 5, 6, 7, 11, 13, 17, 18, -1, Int64.max])
            if fuzz.chance(1, in: 4) { model.opsetImport[0].domain = "com.example" }
        case 10:  // graph outputs
            if fuzz.chance(1, in: 2) || graph.output.isEmpty {
                graph.output = fuzz.chance(1, in: 2) ? [] : graph.output + graph.output
            } else {
                graph.output[0].name = fuzz.pick(["missing", ""] + graph.node.flatMap(\.output) + graph.input.map(\.name))
            }
        case 11:  // a ConstantOfShape or Constant with an edge-case shape feeding an existing value
            var shape = Onnx_TensorProto()
            shape.name = "fuzz.shape"
            shape.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
            shape.int64Data = (0..<fuzz.int(0...4)).map { _ in fuzz.edgeInteger() }
            shape.dims = [Int64(shape.int64Data.count)]
            graph.initializer.append(shape)
            var node = Onnx_NodeProto()
            node.opType = fuzz.pick(["ConstantOfShape", "Reshape", "Unsqueeze", "Squeeze", "Gather", "Shape"])
            let source = fuzz.pick(graph.input.map(\.name) + graph.node.flatMap(\.output) + ["fuzz.shape"])
            node.input = node.opType == "ConstantOfShape" ? ["fuzz.shape"] : [source, "fuzz.shape"]
            node.output = [fuzz.chance(1, in: 2) ? "fuzz.out" : (graph.node.first?.input.first ?? "x")]
            if fuzz.chance(1, in: 2) { node.attribute = [edgeAttribute(name: fuzz.pick(["axis", "start", "end", "allowzero"]))] }
            graph.node.insert(node, at: fuzz.int(0...nodeCount))
            if fuzz.chance(1, in: 2) { graph.output.append(Self.valueInfo(node.output[0])) }
        case 12 where nodeCount > 0:  // attributes removed or of another type
            let index = fuzz.int(0...nodeCount - 1)
            if graph.node[index].attribute.isEmpty || fuzz.chance(1, in: 2) {
                graph.node[index].attribute.append(edgeAttribute(name: fuzz.pick(Self.attributeNames)))
            } else {
                graph.node[index].attribute.remove(at: fuzz.int(0...graph.node[index].attribute.count - 1))
            }
        default:  // a graph input's element type or a second input with the same name
            if !graph.input.isEmpty {
                let index = fuzz.int(0...graph.input.count - 1)
                if fuzz.chance(1, in: 2) {
                    graph.input[index].type.tensorType.elemType = Int32(fuzz.int(0...17))
                } else {
                    graph.input.append(graph.input[index])
                }
            }
        }
        model.graph = graph
    }

    static let attributeNames = [
        "axis", "axes", "perm", "pads", "strides", "kernel_shape", "dilations", "group", "ceil_mode", "auto_pad",
        "transA", "transB", "alpha", "beta", "size", "min", "max", "value", "broadcast", "epsilon", "start", "end",
    ]

    private mutating func mutateDims(_ dims: inout [Int64]) {
        if dims.isEmpty || fuzz.chance(1, in: 5) {
            dims.append(fuzz.edgeInteger())
        } else if fuzz.chance(1, in: 6) {
            dims.removeLast()
        } else {
            dims[fuzz.int(0...dims.count - 1)] = fuzz.edgeInteger()
        }
    }

    private mutating func mutateAttribute(_ node: inout Onnx_NodeProto) {
        guard !node.attribute.isEmpty else {
            node.attribute.append(edgeAttribute(name: fuzz.pick(Self.attributeNames)))
            return
        }
        let index = fuzz.int(0...node.attribute.count - 1)
        var attribute = node.attribute[index]
        switch attribute.type {
        case .ints where !attribute.ints.isEmpty:
            if fuzz.chance(1, in: 4) {
                attribute.ints.append(fuzz.edgeInteger())
            } else {
                attribute.ints[fuzz.int(0...attribute.ints.count - 1)] = fuzz.edgeInteger()
            }
        case .int:
            attribute.i = fuzz.edgeInteger()
        case .float:
            attribute.f = fuzz.pick([.nan, .infinity, -.infinity, 0, -1, 1e30, Float.leastNonzeroMagnitude])
        case .tensor:
            mutatePayload(&attribute.t)
        default:
            attribute = edgeAttribute(name: attribute.name)
        }
        node.attribute[index] = attribute
    }

    private mutating func edgeAttribute(name: String) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        switch fuzz.int(0...4) {
        case 0: attribute.type = .int; attribute.i = fuzz.edgeInteger()
        case 1: attribute.type = .ints; attribute.ints = (0..<fuzz.int(0...6)).map { _ in fuzz.edgeInteger() }
        case 2: attribute.type = .float; attribute.f = fuzz.pick([.nan, -1, 0, 1e-3, 6])
        case 3: attribute.type = .string; attribute.s = Data(fuzz.pick(["SAME_UPPER", "SAME_LOWER", "VALID", "NOTSET", "x"]).utf8)
        default: attribute.type = fuzz.pick([.graph, .sparseTensor, .undefined, .floats])
        }
        return attribute
    }

    private mutating func mutatePayload(_ tensor: inout Onnx_TensorProto) {
        switch fuzz.int(0...4) {
        case 0: tensor.rawData = tensor.rawData.prefix(fuzz.int(0...tensor.rawData.count))
        case 1: tensor.rawData = Data(); tensor.floatData = []
        case 2: tensor.dataType = Int32(fuzz.int(-1...20))
        case 3: tensor.dataLocation = .external
        default: mutateDims(&tensor.dims)
        }
    }

    private static func valueInfo(_ name: String) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        return info
    }
}
