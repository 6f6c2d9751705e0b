extension ShapeInference {
    /// Output shapes of a node that runs at inference time.
    static func outputShapes(
        _ node: Node, shapes: [String: [Int]], constants: [String: ConstantTensor], opset: Int
    ) throws -> [[Int]] {
        func shape(_ index: Int) throws -> [Int] {
            guard let name = node.input(index), let shape = shapes[name] else {
                throw node.error(.invalidModel, "missing input \(index)")
            }
            return shape
        }
        switch node.opType {
        case "Relu", "Sigmoid", "LeakyRelu", "Clip", "Identity", "LRN", "Softmax", "BatchNormalization":
            if node.opType == "BatchNormalization", node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
                throw node.error(.unsupported, "training-mode outputs (mean, variance) are not supported")
            }
            return [try shape(0)]
        case "Dropout":
            if node.outputs.count > 1, !node.outputs[1].isEmpty {
                throw node.error(.unsupported, "the mask output is not supported")
            }
            return [try shape(0)]
        case "Add", "Mul", "Sum":
            var result = try shape(0)
            for index in 1..<node.inputs.count { result = try broadcast(result, try shape(index), node: node) }
            return [result]
        case "Conv":
            let x = try shape(0), w = try shape(1)
            guard x.count >= 3, w.count == x.count else {
                throw node.error(.shapeMismatch, "input \(x) and weights \(w) do not fit")
            }
            let group = node.int("group") ?? 1
            guard group > 0, group <= ShapeLimits.maximumElements, x[1] == w[1] * group, w[0] % group == 0 else {
                throw node.error(.shapeMismatch, "input \(x), weights \(w) and group \(group) do not fit")
            }
            if let bias = node.input(2), shapes[bias] != [w[0]] {
                throw node.error(.shapeMismatch, "bias shape \(shapes[bias] ?? []) does not match \(w[0]) channels")
            }
            let kernel = node.ints("kernel_shape") ?? Array(w[2...])
            let geometry = try WindowGeometry(node: node, spatial: Array(x[2...]), kernel: kernel)
            return [[x[0], w[0]] + geometry.output]
        case "MaxPool", "AveragePool":
            if node.outputs.count > 1, !node.outputs[1].isEmpty {
                throw node.error(.unsupported, "the Indices output is not supported")
            }
            if (node.int("storage_order") ?? 0) != 0 {
                throw node.error(.unsupported, "storage_order 1 is not supported")
            }
            let x = try shape(0)
            guard x.count >= 3, let kernel = node.ints("kernel_shape") else {
                throw node.error(.invalidModel, "needs kernel_shape and an input of rank >= 3, got \(try shape(0))")
            }
            let geometry = try WindowGeometry(node: node, spatial: Array(x[2...]), kernel: kernel)
            return [[x[0], x[1]] + geometry.output]
        case "GlobalAveragePool", "GlobalMaxPool":
            let x = try shape(0)
            guard x.count >= 3 else { throw node.error(.shapeMismatch, "input \(x) has no spatial axes") }
            return [[x[0], x[1]] + Array(repeating: 1, count: x.count - 2)]
        case "Flatten":
            return [try ShapeRules.flatten(node, input: try shape(0))]
        case "Reshape":
            guard let name = node.input(1), let target = constants[name] else {
                throw node.error(.unsupported, "the shape input must be known at load time")
            }
            return [try ShapeRules.reshape(node, input: try shape(0), target: target.integers)]
        case "Squeeze":
            return [try ShapeRules.squeeze(node, input: try shape(0), axes: try ShapeRules.axes(node, constants: constants))]
        case "Unsqueeze":
            return [try ShapeRules.unsqueeze(node, input: try shape(0), axes: try ShapeRules.axes(node, constants: constants))]
        case "Transpose":
            let x = try shape(0)
            return [try ShapeRules.permutation(node, rank: x.count).map { x[$0] }]
        case "Concat":
            let inputs = try node.inputs.indices.map { try shape($0) }
            return [try ShapeRules.concat(node, inputs: inputs).shape]
        case "Gemm":
            let a = try shape(0), b = try shape(1)
            guard a.count == 2, b.count == 2 else { throw node.error(.shapeMismatch, "Gemm needs 2-D inputs, got \(a), \(b)") }
            let transA = (node.int("transA") ?? 0) != 0, transB = (node.int("transB") ?? 0) != 0
            let (m, k) = transA ? (a[1], a[0]) : (a[0], a[1])
            let (k2, n) = transB ? (b[1], b[0]) : (b[0], b[1])
            guard k == k2 else { throw node.error(.shapeMismatch, "inner sizes of \(a) and \(b) differ") }
            if node.input(2) != nil {
                _ = try broadcast(try shape(2), [m, n], node: node)
            }
            return [[m, n]]
        case "MatMul":
            return [try matMulShape(try shape(0), try shape(1), node: node)]
        default:
            throw node.error(.unsupported, "operator \(node.opType) is not supported here")
        }
    }

    static func matMulShape(_ a: [Int], _ b: [Int], node: Node) throws -> [Int] {
        guard !a.isEmpty, !b.isEmpty else { throw node.error(.shapeMismatch, "MatMul of a scalar") }
        let left = a.count == 1 ? [1] + a : a
        let right = b.count == 1 ? b + [1] : b
        guard left[left.count - 1] == right[right.count - 2] else {
            throw node.error(.shapeMismatch, "inner sizes of \(a) and \(b) differ")
        }
        var result = try broadcast(Array(left.dropLast(2)), Array(right.dropLast(2)), node: node)
        if a.count > 1 { result.append(left[left.count - 2]) }
        if b.count > 1 { result.append(right[right.count - 1]) }
        return result
    }
}
