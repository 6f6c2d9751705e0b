import CDNNL

/// Primitive attributes: user-managed scratchpad (so concurrent runs never share one) and post-ops.
final class PrimitiveAttributes {
    let handle: dnnl_primitive_attr_t
    private let postOps: dnnl_post_ops_t
    private(set) var postOpCount = 0

    init() throws {
        var attr: dnnl_primitive_attr_t?
        try DNNLCall.check(dnnl_primitive_attr_create(&attr), "attribute creation")
        var ops: dnnl_post_ops_t?
        try DNNLCall.check(dnnl_post_ops_create(&ops), "post-op creation")
        guard let attr, let ops else { throw InferenceError(.backend, "oneDNN returned no attributes") }
        handle = attr
        postOps = ops
        try DNNLCall.check(dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user), "scratchpad mode")
    }

    /// Adds the previous destination contents to the result (residual add done in place).
    func appendSum() throws {
        try DNNLCall.check(dnnl_post_ops_append_sum(postOps, 1), "sum post-op")
        try commit()
    }

    func appendActivation(_ activation: Activation) throws {
        let (kind, alpha, beta) = activation.dnnlParameters
        try DNNLCall.check(dnnl_post_ops_append_eltwise(postOps, 1, kind, alpha, beta), "eltwise post-op")
        try commit()
    }

    /// Adds a second tensor element-wise (broadcast allowed) to the result.
    func appendBinaryAdd(_ operand: MemoryDescriptor) throws {
        var desc = operand.raw
        try DNNLCall.check(dnnl_post_ops_append_binary(postOps, dnnl_binary_add, &desc), "binary post-op")
        try commit()
    }

    /// Multiplies the result by `scale` (before post-ops).
    func setOutputScale(_ scale: Float) throws {
        var value = scale
        try DNNLCall.check(dnnl_primitive_attr_set_output_scales(handle, 1, 0, &value), "output scales")
    }

    private func commit() throws {
        postOpCount += 1
        try DNNLCall.check(dnnl_primitive_attr_set_post_ops(handle, postOps), "post-op attach")
    }

    deinit {
        dnnl_post_ops_destroy(postOps)
        dnnl_primitive_attr_destroy(handle)
    }
}

extension Activation {
    /// oneDNN eltwise algorithm with alpha and beta.
    var dnnlParameters: (dnnl_alg_kind_t, Float, Float) {
        switch self {
        case .relu: (dnnl_eltwise_relu, 0, 0)
        case .leakyRelu(let alpha): (dnnl_eltwise_relu, alpha, 0)
        case .clip(let low, let high): (dnnl_eltwise_clip_v2, low, high)
        case .sigmoid: (dnnl_eltwise_logistic, 0, 0)
        }
    }
}
