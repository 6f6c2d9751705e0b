import CDNNL

extension Planner {
    /// Gemm and MatMul on oneDNN's matmul primitive; constant weights are reordered once at load.
    func planMatMul(_ node: Node) throws {
        if node.opType == "Gemm" { try planGemm(node) } else { try planBatchedMatMul(node) }
    }

    private func planGemm(_ node: Node) throws {
        let aName = node.inputs[0], bName = node.inputs[1]
        let aShape = try shape(aName), bShape = try shape(bName)
        let transA = (node.int("transA") ?? 0) != 0, transB = (node.int("transB") ?? 0) != 0
        let alpha = node.float("alpha") ?? 1, beta = node.float("beta") ?? 1
        let (m, k) = transA ? (aShape[1], aShape[0]) : (aShape[0], aShape[1])
        let n = transB ? bShape[0] : bShape[1]

        let source: Operand
        if let a = constant(aName) {
            let values = transA ? transposed(a.floats, rows: k, columns: m) : a.floats
            source = .constant(ConstantMemory(buffer: AlignedBuffer(floats: values), descriptor: try .plain([m, k])))
        } else {
            let stored = try plain(aName)
            source = transA ? stored.viewed(as: try MemoryDescriptor(dims: [m, k], strides: [1, m])) : stored
        }
        let attributes = try PrimitiveAttributes()
        var weightsDesc: MemoryDescriptor
        var runtimeWeights: Operand?
        let constantB = constant(bName)
        if constantB != nil {
            weightsDesc = try .any([k, n])
        } else {
            let stored = try plain(bName)
            weightsDesc = transB ? try MemoryDescriptor(dims: [k, n], strides: [1, k]) : stored.descriptor
            runtimeWeights = stored.viewed(as: weightsDesc)
            if alpha != 1 { try attributes.setOutputScale(alpha) }
        }
        // C: a bias when alpha could be folded into constant weights, else a binary post-op.
        var bias: Operand?
        var postOpOperand: Operand?
        if let cName = node.input(2), beta != 0 {
            let cShape = try shape(cName)
            let padded = Array(repeating: 1, count: 2 - cShape.count) + cShape
            if let c = constant(cName) {
                let rows = padded[0] == 1 ? 1 : m
                var values = [Float](repeating: 0, count: rows * n)
                let cValues = c.floats
                for row in 0..<rows {
                    for column in 0..<n {
                        values[row * n + column] = beta * cValues[(padded[0] == 1 ? 0 : row) * padded[1] + (padded[1] == 1 ? 0 : column)]
                    }
                }
                let memory = Operand.constant(ConstantMemory(buffer: AlignedBuffer(floats: values), descriptor: try .plain([rows, n])))
                if constantB != nil { bias = memory } else { postOpOperand = memory }
            } else {
                guard beta == 1 else { throw node.error(.unsupported, "beta != 1 with a runtime C input") }
                postOpOperand = try plain(cName).viewed(as: .plain(padded))
            }
        }
        if let postOpOperand { try attributes.appendBinaryAdd(postOpOperand.descriptor) }
        let outDesc = try MemoryDescriptor.plain([m, n])
        let pd = try matmulDescriptor(
            source: source.descriptor, weights: weightsDesc, bias: bias?.descriptor, destination: outDesc,
            attributes: attributes, node: node
        )
        let weights: Operand
        if let constantB, let wanted = pd.weights {
            var values = transB ? transposed(constantB.floats, rows: n, columns: k) : constantB.floats
            if alpha != 1 { values = values.map { $0 * alpha } }
            weights = .constant(try constantMemory(values, plain: try .plain([k, n]), as: wanted))
        } else if let runtimeWeights {
            weights = runtimeWeights
        } else {
            throw node.error(.backend, "oneDNN gave no weights layout")
        }
        let destination = try newBuffer(outDesc)
        var arguments: [(Int32, Operand)] = [
            (DNNLArgument.source, source), (DNNLArgument.weights, weights), (DNNLArgument.destination, destination),
        ]
        if let bias { arguments.append((DNNLArgument.bias, bias)) }
        if let postOpOperand { arguments.append((DNNLArgument.postOpSource1(0), postOpOperand)) }
        try addPrimitive(pd, arguments: arguments, label: node.label)
        define(node.outputs[0], destination)
    }

    private func planBatchedMatMul(_ node: Node) throws {
        let aName = node.inputs[0], bName = node.inputs[1]
        let aShape = try shape(aName), bShape = try shape(bName)
        let outShape = try shape(node.outputs[0])
        let left = aShape.count == 1 ? [1] + aShape : aShape
        let right = bShape.count == 1 ? bShape + [1] : bShape
        let rank = max(left.count, right.count)
        let leftDims = Array(repeating: 1, count: rank - left.count) + left
        let rightDims = Array(repeating: 1, count: rank - right.count) + right
        let batch = try ShapeInference.broadcast(Array(leftDims.dropLast(2)), Array(rightDims.dropLast(2)), node: node)
        let outDims = batch + [leftDims[rank - 2], rightDims[rank - 1]]
        let source = try plain(aName).viewed(as: .plain(leftDims))
        let outDesc = try MemoryDescriptor.plain(outDims)
        let constantB = constant(bName)
        let weightsDesc: MemoryDescriptor = try (constantB != nil && rank == 2) ? .any(rightDims) : .plain(rightDims)
        let pd = try matmulDescriptor(
            source: source.descriptor, weights: weightsDesc, bias: nil, destination: outDesc,
            attributes: try PrimitiveAttributes(), node: node
        )
        let weights: Operand
        if let constantB, let wanted = pd.weights {
            weights = .constant(try constantMemory(constantB.floats, plain: try .plain(rightDims), as: wanted))
        } else {
            weights = try plain(bName).viewed(as: .plain(rightDims))
        }
        let destination = try newBuffer(outDesc)
        try addPrimitive(
            pd,
            arguments: [(DNNLArgument.source, source), (DNNLArgument.weights, weights), (DNNLArgument.destination, destination)],
            label: node.label
        )
        define(node.outputs[0], destination.viewed(as: try .plain(outShape)))
    }

    private func matmulDescriptor(
        source: MemoryDescriptor, weights: MemoryDescriptor, bias: MemoryDescriptor?, destination: MemoryDescriptor,
        attributes: PrimitiveAttributes, node: Node
    ) throws -> PrimitiveDescriptor {
        var src = source.raw, wei = weights.raw, dst = destination.raw
        var biasDesc = (bias ?? source).raw
        let hasBias = bias != nil
        return try PrimitiveDescriptor(dnnl_matmul_desc_t(), attributes: attributes, what: node.label) { op in
            withUnsafePointer(to: &biasDesc) { biasPointer in
                dnnl_matmul_desc_init(op, &src, &wei, hasBias ? biasPointer : nil, &dst)
            }
        }
    }

    private func transposed(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        for row in 0..<rows {
            for column in 0..<columns { result[column * rows + row] = values[row * columns + column] }
        }
        return result
    }
}

