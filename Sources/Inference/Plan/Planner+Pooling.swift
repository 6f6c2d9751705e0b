import CDNNL

extension Planner {
    /// Max/average pooling (also global) on whatever layout the input has.
    func planPooling(_ node: Node) throws {
        let input = node.inputs[0]
        let xShape = try shape(input)
        let outShape = try shape(node.outputs[0])
        let spatial = Array(xShape[2...])
        let strides: [Int], kernel: [Int], dilations: [Int], padsBegin: [Int], padsEnd: [Int]
        let algorithm: dnnl_alg_kind_t
        switch node.opType {
        case "GlobalAveragePool", "GlobalMaxPool":
            kernel = spatial
            strides = spatial.map { _ in 1 }
            dilations = strides
            padsBegin = spatial.map { _ in 0 }
            padsEnd = padsBegin
            algorithm = node.opType == "GlobalMaxPool" ? dnnl_pooling_max : dnnl_pooling_avg_exclude_padding
        default:
            let geometry = try WindowGeometry(node: node, spatial: spatial, kernel: node.ints("kernel_shape") ?? [])
            (kernel, strides, dilations) = (geometry.kernel, geometry.strides, geometry.dilations)
            (padsBegin, padsEnd) = (geometry.padsBegin, geometry.padsEnd)
            if node.opType == "MaxPool" {
                algorithm = dnnl_pooling_max
            } else {
                algorithm = (node.int("count_include_pad") ?? 0) != 0
                    ? dnnl_pooling_avg_include_padding : dnnl_pooling_avg_exclude_padding
            }
        }
        let source = try operand(input)
        var srcDesc = source.descriptor.raw
        var dstDesc = try MemoryDescriptor.any(outShape).raw
        let pd = try PrimitiveDescriptor(dnnl_pooling_v2_desc_t(), attributes: nil, what: node.label) { desc in
            dnnl_pooling_v2_forward_desc_init(
                desc, dnnl_forward_inference, algorithm, &srcDesc, &dstDesc, strides.map { Int64($0) },
                kernel.map { Int64($0) }, dilations.map { Int64($0 - 1) }, padsBegin.map { Int64($0) },
                padsEnd.map { Int64($0) }
            )
        }
        guard let dstWanted = pd.destination else { throw node.error(.backend, "oneDNN gave no layout") }
        let destination = try newBuffer(dstWanted)
        try addPrimitive(
            pd, arguments: [(DNNLArgument.source, source), (DNNLArgument.destination, destination)], label: node.label
        )
        define(node.outputs[0], destination)
    }

    /// Local response normalisation across channels.
    func planLRN(_ node: Node) throws {
        let source = try operand(node.inputs[0])
        guard let size = node.int("size") else { throw node.error(.invalidModel, "LRN needs a size") }
        let alpha = node.float("alpha") ?? 1e-4, beta = node.float("beta") ?? 0.75, bias = node.float("bias") ?? 1
        var desc = source.descriptor.raw
        let pd = try PrimitiveDescriptor(dnnl_lrn_desc_t(), attributes: nil, what: node.label) { op in
            dnnl_lrn_forward_desc_init(op, dnnl_forward_inference, dnnl_lrn_across_channels, &desc, Int64(size), alpha, beta, bias)
        }
        let destination = try newBuffer(pd.destination ?? source.descriptor)
        try addPrimitive(
            pd, arguments: [(DNNLArgument.source, source), (DNNLArgument.destination, destination)], label: node.label
        )
        define(node.outputs[0], destination)
    }

    /// Inference batch normalisation that could not be folded into a Conv.
    func planBatchNormalization(_ node: Node) throws {
        let names = (1...4).map { node.input($0) }
        let params = names.map { $0.flatMap { constant($0)?.floats } }
        guard let scale = params[0], let shift = params[1], let mean = params[2], let variance = params[3] else {
            throw node.error(.unsupported, "scale, bias, mean and variance must be constants")
        }
        var source = try operand(node.inputs[0])
        if source.descriptor.dims.count < 2 { source = try plain(node.inputs[0]) }
        var desc = source.descriptor.raw
        let epsilon = node.float("epsilon") ?? 1e-5
        let flags = dnnl_use_global_stats.rawValue | dnnl_use_scale.rawValue | dnnl_use_shift.rawValue
        let pd = try PrimitiveDescriptor(dnnl_batch_normalization_desc_t(), attributes: nil, what: node.label) { op in
            dnnl_batch_normalization_forward_desc_init(op, dnnl_forward_inference, &desc, epsilon, flags)
        }
        let destination = try newBuffer(pd.destination ?? source.descriptor)
        let vector = try MemoryDescriptor.plain([scale.count])
        func memory(_ values: [Float]) -> Operand {
            .constant(ConstantMemory(buffer: AlignedBuffer(floats: values), descriptor: vector))
        }
        try addPrimitive(
            pd,
            arguments: [
                (DNNLArgument.source, source), (DNNLArgument.mean, memory(mean)), (DNNLArgument.variance, memory(variance)),
                (DNNLArgument.scale, memory(scale)), (DNNLArgument.shift, memory(shift)),
                (DNNLArgument.destination, destination),
            ],
            label: node.label
        )
        define(node.outputs[0], destination)
    }
}
