import CDNNL

extension Planner {
    /// A standalone activation (one not fused into a Conv).
    func planActivation(_ node: Node) throws {
        guard let activation = try Fusion.activation(of: node, constants: graph.constants) else {
            throw node.error(.unsupported, "not an activation")
        }
        let source = try operand(node.inputs[0])
        var desc = source.descriptor.raw
        let (algorithm, alpha, beta) = activation.dnnlParameters
        let pd = try PrimitiveDescriptor(dnnl_eltwise_desc_t(), attributes: nil, what: node.label) { op in
            dnnl_eltwise_forward_desc_init(op, dnnl_forward_inference, algorithm, &desc, alpha, beta)
        }
        let destination = try newBuffer(pd.destination ?? source.descriptor)
        try addPrimitive(
            pd, arguments: [(DNNLArgument.source, source), (DNNLArgument.destination, destination)], label: node.label
        )
        define(node.outputs[0], destination)
    }

    /// Add, Mul and Sum with NumPy broadcasting, as a chain of oneDNN binary primitives.
    func planElementwise(_ node: Node) throws {
        let outShape = try shape(node.outputs[0])
        let algorithm = node.opType == "Mul" ? dnnl_binary_mul : dnnl_binary_add
        var accumulated = (operand: try operand(node.inputs[0]), shape: try shape(node.inputs[0]))
        for name in node.inputs.dropFirst() {
            let next = (operand: try operand(name), shape: try shape(name))
            let resultShape = try ShapeInference.broadcast(accumulated.shape, next.shape, node: node)
            accumulated = (try binary(algorithm, accumulated, next, outShape: resultShape, node: node), resultShape)
        }
        if accumulated.shape != outShape {
            throw node.error(.shapeMismatch, "result \(accumulated.shape) differs from inferred \(outShape)")
        }
        define(node.outputs[0], accumulated.operand)
    }

    private func binary(
        _ algorithm: dnnl_alg_kind_t, _ a: (operand: Operand, shape: [Int]), _ b: (operand: Operand, shape: [Int]),
        outShape: [Int], node: Node
    ) throws -> Operand {
        let rank = max(outShape.count, 1)
        let out = outShape.isEmpty ? [1] : outShape
        func padded(_ shape: [Int]) -> [Int] { Array(repeating: 1, count: rank - shape.count) + shape }
        func aligned(_ value: (operand: Operand, shape: [Int])) throws -> Operand {
            if value.operand.descriptor.dims == padded(value.shape) { return value.operand }
            return try converted(value.operand, to: .plain(value.shape)).viewed(as: .plain(padded(value.shape)))
        }
        var first = a, second = b
        if padded(first.shape) != out { swap(&first, &second) }
        guard padded(first.shape) == out else {
            return try broadcastKernel(algorithm, first, second, outShape: out, node: node)
        }
        var src0 = try aligned(first), src1 = try aligned(second)
        func descriptor() throws -> PrimitiveDescriptor {
            var desc0 = src0.descriptor.raw, desc1 = src1.descriptor.raw
            var dst = try MemoryDescriptor.any(out).raw
            return try PrimitiveDescriptor(dnnl_binary_desc_t(), attributes: nil, what: node.label) { op in
                dnnl_binary_desc_init(op, algorithm, &desc0, &desc1, &dst)
            }
        }
        let pd: PrimitiveDescriptor
        do {
            pd = try descriptor()
        } catch {
            // Some layout combinations have no implementation: fall back to plain layouts.
            src0 = try converted(src0, to: .plain(out))
            src1 = try converted(src1, to: .plain(src1.descriptor.dims))
            pd = try descriptor()
        }
        let destination = try newBuffer(pd.destination ?? src0.descriptor)
        try addPrimitive(
            pd,
            arguments: [(DNNLArgument.source, src0), (DNNLArgument.source1, src1), (DNNLArgument.destination, destination)],
            label: node.label
        )
        return destination
    }

    /// Both operands broadcast (e.g. [3,1] + [1,4]): a Swift loop on plain layouts.
    private func broadcastKernel(
        _ algorithm: dnnl_alg_kind_t, _ a: (operand: Operand, shape: [Int]), _ b: (operand: Operand, shape: [Int]),
        outShape: [Int], node: Node
    ) throws -> Operand {
        let rank = outShape.count
        let inputs = try [a, b].map { try converted($0.operand, to: .plain($0.shape)) }
        let strides = [a.shape, b.shape].map { shape -> [Int] in
            let padded = Array(repeating: 1, count: rank - shape.count) + shape
            let rowMajor = ShapeRules.strides(padded)
            return (0..<rank).map { padded[$0] == 1 ? 0 : rowMajor[$0] }
        }
        let destination = try newBuffer(.plain(outShape))
        let count = outShape.reduce(1, *)
        let isMul = algorithm == dnnl_binary_mul
        addKernel({ sources, results in
            var index = Array(repeating: 0, count: rank)
            for flat in 0..<count {
                var left = 0, right = 0
                for axis in 0..<rank {
                    left += index[axis] * strides[0][axis]
                    right += index[axis] * strides[1][axis]
                }
                results[0][flat] = isMul ? sources[0][left] * sources[1][right] : sources[0][left] + sources[1][right]
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    if index[axis] < outShape[axis] { break }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }, inputs: inputs, outputs: [destination], label: "\(node.label) (broadcast loop)")
        return destination
    }

    /// `operand` in layout `descriptor` (a reorder into a new buffer when it differs).
    func converted(_ operand: Operand, to descriptor: MemoryDescriptor) throws -> Operand {
        if operand.descriptor == descriptor { return operand }
        let copy = try newBuffer(descriptor)
        try addReorder(from: operand, to: copy, label: "reorder")
        return copy
    }
}
