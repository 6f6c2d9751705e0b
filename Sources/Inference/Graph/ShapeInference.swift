/// A graph after constant folding, with the static shape of every value for a fixed input size.
struct ShapedGraph: Sendable {
    var nodes: [Node]
    var constants: [String: ConstantTensor]
    var inputs: [(name: String, shape: [Int])]
    var outputs: [String]
    var shapes: [String: [Int]]
    var opset: Int
}

/// Folds nodes whose inputs are all known at load and infers the shape of every other value.
enum ShapeInference {
    /// Operators evaluated at load time when all their inputs are constants.
    static let foldable: Set<String> = [
        "Constant", "ConstantOfShape", "Shape", "Gather", "Identity", "Dropout", "Reshape", "Flatten",
        "Squeeze", "Unsqueeze", "Concat", "Transpose",
    ]

    /// Runs folding and inference; `inputShapes` overrides or fills the declared input shapes.
    static func run(_ graph: Graph, inputShapes: [String: [Int]] = [:]) throws -> ShapedGraph {
        var constants = graph.constants
        var shapes: [String: [Int]] = constants.mapValues(\.shape)
        var inputs: [(name: String, shape: [Int])] = []
        for input in graph.inputs {
            let shape: [Int]
            if let given = inputShapes[input.name] {
                shape = given
            } else {
                shape = try input.shape.enumerated().map { axis, dimension in
                    if let dimension { return dimension }
                    // A symbolic batch dimension becomes 1; other symbolic sizes need an explicit shape.
                    guard axis == 0 else {
                        throw InferenceError(.invalidInput, "input '\(input.name)' has a symbolic dimension \(axis); give its shape")
                    }
                    return 1
                }
            }
            _ = try ShapeLimits.checkedCount(shape, "input '\(input.name)'")
            shapes[input.name] = shape
            inputs.append((input.name, shape))
        }

        var kept: [Node] = []
        for original in graph.nodes {
            var node = original
            if graph.opset < 7 { try applyLegacyBroadcast(&node, shapes: &shapes, constants: &constants) }
            let known = node.inputs.filter { !$0.isEmpty }
            if foldable.contains(node.opType),
               node.opType == "Shape" || known.allSatisfy({ constants[$0] != nil }) {
                let values = try ConstantFolder.evaluate(node, constants: constants, shapes: shapes)
                for (name, value) in zip(node.outputs, values) where !name.isEmpty {
                    try checkFirstDefinition(name, node: node, shapes: shapes)
                    _ = try ShapeLimits.checkedCount(value.shape, "\(node.label) output '\(name)'")
                    constants[name] = value
                    shapes[name] = value.shape
                }
                continue
            }
            if node.opType == "ConstantOfShape" || node.opType == "Gather" {
                throw node.error(.unsupported, "\(node.opType) is supported only on values known at load time")
            }
            for name in known where shapes[name] == nil {
                throw node.error(.invalidModel, "input '\(name)' is not produced before this node")
            }
            let inferred = try outputShapes(node, shapes: shapes, constants: constants, opset: graph.opset)
            for (name, shape) in zip(node.outputs, inferred) where !name.isEmpty {
                try checkFirstDefinition(name, node: node, shapes: shapes)
                _ = try ShapeLimits.checkedCount(shape, "\(node.label) output '\(name)'")
                shapes[name] = shape
            }
            kept.append(node)
        }
        for output in graph.outputs where shapes[output] == nil {
            throw InferenceError(.invalidModel, "graph output '\(output)' is never produced")
        }
        return ShapedGraph(
            nodes: kept, constants: constants, inputs: inputs, outputs: graph.outputs, shapes: shapes, opset: graph.opset
        )
    }

    /// Opset 6 Add/Mul with `broadcast=1` align the second input at `axis`; numpy broadcasting needs
    /// trailing ones instead, so the (constant) second input is reshaped.
    private static func applyLegacyBroadcast(
        _ node: inout Node, shapes: inout [String: [Int]], constants: inout [String: ConstantTensor]
    ) throws {
        if node.opType == "BatchNormalization", (node.int("spatial") ?? 1) != 1 {
            throw node.error(.unsupported, "spatial=0 batch normalization is not supported")
        }
        guard ["Add", "Mul"].contains(node.opType), (node.int("broadcast") ?? 0) != 0, node.inputs.count == 2,
              let a = shapes[node.inputs[0]], let b = shapes[node.inputs[1]] else { return }
        let axis = node.int("axis").map { $0 < 0 ? $0 + a.count : $0 } ?? (a.count - b.count)
        guard axis >= 0, axis <= a.count - b.count else {
            throw node.error(.shapeMismatch, "cannot broadcast \(b) into \(a) at axis \(axis)")
        }
        let aligned = b + Array(repeating: 1, count: a.count - axis - b.count)
        guard aligned != b else { return }
        guard let value = constants[node.inputs[1]] else {
            throw node.error(.unsupported, "legacy axis broadcasting of a runtime input is not supported")
        }
        let name = "\(node.inputs[1])#aligned-\(aligned.count)"
        constants[name] = value.reshaped(aligned)
        shapes[name] = aligned
        node.inputs[1] = name
    }

    /// Values are defined once (ONNX graphs are in SSA form): a second definition would give the earlier
    /// users of the name the later value's shape.
    private static func checkFirstDefinition(_ name: String, node: Node, shapes: [String: [Int]]) throws {
        guard shapes[name] == nil else {
            throw node.error(.invalidModel, "output '\(name)' is already defined")
        }
    }

    /// NumPy-style broadcast of two shapes.
    static func broadcast(_ a: [Int], _ b: [Int], node: Node) throws -> [Int] {
        let rank = max(a.count, b.count)
        let left = Array(repeating: 1, count: rank - a.count) + a
        let right = Array(repeating: 1, count: rank - b.count) + b
        return try zip(left, right).map { x, y in
            guard x == y || x == 1 || y == 1 else {
                throw node.error(.shapeMismatch, "shapes \(a) and \(b) do not broadcast")
            }
            return x == 1 ? y : x
        }
    }

    /// Normalises a possibly negative axis against `rank`.
    static func axis(_ value: Int, rank: Int, node: Node) throws -> Int {
        let resolved = value < 0 ? value + rank : value
        guard resolved >= 0, resolved < max(rank, 1) else {
            throw node.error(.invalidModel, "axis \(value) is out of range for rank \(rank)")
        }
        return resolved
    }
}
