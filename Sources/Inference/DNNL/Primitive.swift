import CDNNL

/// A created oneDNN primitive; shared read-only by all execution contexts.
final class Primitive: @unchecked Sendable {
    let handle: dnnl_primitive_t
    let scratchpadBytes: Int
    let implementation: String

    init(_ descriptor: PrimitiveDescriptor) throws {
        var primitive: dnnl_primitive_t?
        try DNNLCall.check(dnnl_primitive_create(&primitive, descriptor.handle), "primitive creation")
        guard let primitive else { throw InferenceError(.backend, "oneDNN returned no primitive") }
        handle = primitive
        scratchpadBytes = descriptor.scratchpadBytes
        implementation = descriptor.implementation
    }

    func execute(_ arguments: [dnnl_exec_arg_t], stream: DNNLStream) throws {
        try DNNLCall.check(
            dnnl_primitive_execute(handle, stream.handle, Int32(arguments.count), arguments), "primitive execution"
        )
    }

    deinit { dnnl_primitive_destroy(handle) }
}
