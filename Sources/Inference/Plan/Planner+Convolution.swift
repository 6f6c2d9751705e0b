import CDNNL

extension Planner {
    /// Conv with its fused activations and residual add as oneDNN post-ops; layouts chosen by oneDNN.
    func planConvolution(_ node: Node) throws {
        let input = node.inputs[0]
        let xShape = try shape(input)
        guard let weights = constant(node.inputs[1]) else {
            throw node.error(.unsupported, "weights must be initializers or constants")
        }
        let output = node.outputs[0]
        let outShape = try shape(output)
        let group = node.int("group") ?? 1
        let kernel = Array(weights.shape[2...])
        let geometry = try WindowGeometry(node: node, spatial: Array(xShape[2...]), kernel: node.ints("kernel_shape") ?? kernel)
        let weightDims = group > 1
            ? [group, weights.shape[0] / group] + Array(weights.shape[1...]) : weights.shape

        let attributes = try PrimitiveAttributes()
        var residual: String?
        for operation in node.fused {
            switch operation {
            case .add(let name):
                residual = name
                try attributes.appendSum()
            case .activation(let activation):
                try attributes.appendActivation(activation)
            }
        }
        var srcDesc = try MemoryDescriptor.any(xShape).raw
        var weightsDesc = try MemoryDescriptor.any(weightDims).raw
        var dstDesc = try MemoryDescriptor.any(outShape).raw
        let biasName = node.input(2)
        var biasDesc = try MemoryDescriptor.plain([weights.shape[0]]).raw
        let strides = geometry.strides.map { Int64($0) }
        let dilations = geometry.dilations.map { Int64($0 - 1) }
        let padsBegin = geometry.padsBegin.map { Int64($0) }
        let padsEnd = geometry.padsEnd.map { Int64($0) }
        let pd = try PrimitiveDescriptor(dnnl_convolution_desc_t(), attributes: attributes, what: node.label) { desc in
            withUnsafePointer(to: &biasDesc) { bias in
                dnnl_dilated_convolution_forward_desc_init(
                    desc, dnnl_forward_inference, dnnl_convolution_direct, &srcDesc, &weightsDesc,
                    biasName == nil ? nil : bias, &dstDesc, strides, dilations, padsBegin, padsEnd
                )
            }
        }
        guard let srcWanted = pd.source, let weightsWanted = pd.weights, let dstWanted = pd.destination else {
            throw node.error(.backend, "oneDNN gave no layouts")
        }
        let source = try operand(input, as: srcWanted)
        let weightMemory = try constantMemory(weights.floats, plain: try .plain(weightDims), as: weightsWanted)
        var arguments: [(Int32, Operand)] = [
            (DNNLArgument.source, source), (DNNLArgument.weights, .constant(weightMemory)),
        ]
        if let biasName {
            guard let bias = constant(biasName) else { throw node.error(.unsupported, "bias must be constant") }
            let memory = ConstantMemory(buffer: AlignedBuffer(floats: bias.floats), descriptor: try .plain([bias.count]))
            arguments.append((DNNLArgument.bias, .constant(memory)))
        }
        let destination: Operand
        if let residual {
            // The sum post-op adds what the destination holds: write in place into the residual when it is
            // dead afterwards and already in the chosen layout, else into a copy of it.
            let current = try operand(residual)
            if let id = current.buffer, current.descriptor == dstWanted, id != source.buffer, isDeadAfterCurrentNode(id) {
                destination = current
            } else {
                destination = try newBuffer(dstWanted)
                try addReorder(from: current, to: destination, label: "copy residual \(residual)")
            }
        } else {
            destination = try newBuffer(dstWanted)
        }
        arguments.append((DNNLArgument.destination, destination))
        try addPrimitive(pd, arguments: arguments, label: node.label)
        define(output, destination)
    }
}
