import CDNNL

/// A oneDNN primitive descriptor: the implementation oneDNN chose and the layouts it wants.
final class PrimitiveDescriptor {
    let handle: dnnl_primitive_desc_t

    init(handle: dnnl_primitive_desc_t) { self.handle = handle }

    /// Creates a descriptor from an operation descriptor filled by `initialize`.
    convenience init<Op>(
        _ empty: Op, attributes: PrimitiveAttributes?, what: String, engine: DNNLEngine = .shared,
        initialize: (UnsafeMutablePointer<Op>) -> dnnl_status_t
    ) throws {
        var op = empty
        try DNNLCall.check(initialize(&op), "\(what) descriptor")
        var pd: dnnl_primitive_desc_t?
        let attr = try attributes ?? PrimitiveAttributes()
        try withUnsafePointer(to: &op) { pointer in
            try DNNLCall.check(dnnl_primitive_desc_create(&pd, pointer, attr.handle, engine.handle, nil), what)
        }
        guard let pd else { throw InferenceError(.backend, "oneDNN returned no \(what) descriptor") }
        self.init(handle: pd)
    }

    /// A reorder (layout conversion) from `source` to `destination`.
    static func reorder(from source: MemoryDescriptor, to destination: MemoryDescriptor, engine: DNNLEngine = .shared) throws -> PrimitiveDescriptor {
        var pd: dnnl_primitive_desc_t?
        var src = source.raw, dst = destination.raw
        let attr = try PrimitiveAttributes()
        try DNNLCall.check(
            dnnl_reorder_primitive_desc_create(&pd, &src, engine.handle, &dst, engine.handle, attr.handle), "reorder"
        )
        guard let pd else { throw InferenceError(.backend, "oneDNN returned no reorder descriptor") }
        return PrimitiveDescriptor(handle: pd)
    }

    /// Concatenation of `sources` along `axis`; the destination layout is chosen by oneDNN.
    static func concat(_ sources: [MemoryDescriptor], axis: Int, destination: MemoryDescriptor, engine: DNNLEngine = .shared) throws -> PrimitiveDescriptor {
        var pd: dnnl_primitive_desc_t?
        var dst = destination.raw
        let descs = sources.map(\.raw)
        let attr = try PrimitiveAttributes()
        try DNNLCall.check(
            dnnl_concat_primitive_desc_create(&pd, &dst, Int32(descs.count), Int32(axis), descs, attr.handle, engine.handle),
            "concat"
        )
        guard let pd else { throw InferenceError(.backend, "oneDNN returned no concat descriptor") }
        return PrimitiveDescriptor(handle: pd)
    }

    func descriptor(_ query: dnnl_query_t, index: Int32 = 0) -> MemoryDescriptor? {
        guard let pointer = dnnl_primitive_desc_query_md(handle, query, index) else { return nil }
        return MemoryDescriptor(raw: pointer.pointee)
    }

    var source: MemoryDescriptor? { descriptor(dnnl_query_src_md) }
    var weights: MemoryDescriptor? { descriptor(dnnl_query_weights_md) }
    var destination: MemoryDescriptor? { descriptor(dnnl_query_dst_md) }
    var scratchpadBytes: Int { descriptor(dnnl_query_scratchpad_md)?.byteCount ?? 0 }

    /// Name of the chosen implementation (for profiling output).
    var implementation: String {
        var name: UnsafePointer<CChar>?
        _ = dnnl_primitive_desc_query(handle, dnnl_query_impl_info_str, 0, &name)
        return name.map { String(cString: $0) } ?? "?"
    }

    deinit { dnnl_primitive_desc_destroy(handle) }
}
