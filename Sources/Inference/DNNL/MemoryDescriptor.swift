import CDNNL

/// Shape, data type (always f32 here) and layout of a oneDNN memory.
struct MemoryDescriptor: @unchecked Sendable, Equatable {
    var raw: dnnl_memory_desc_t

    init(raw: dnnl_memory_desc_t) { self.raw = raw }

    /// A descriptor with a format tag; scalars become one-element vectors.
    init(dims: [Int], tag: dnnl_format_tag_t) throws {
        let dims = dims.isEmpty ? [1] : dims
        var desc = dnnl_memory_desc_t()
        try DNNLCall.check(
            dnnl_memory_desc_init_by_tag(&desc, Int32(dims.count), dims.map { Int64($0) }, dnnl_f32, tag),
            "memory descriptor \(dims)"
        )
        raw = desc
    }

    /// A strided plain descriptor.
    init(dims: [Int], strides: [Int]) throws {
        var desc = dnnl_memory_desc_t()
        try DNNLCall.check(
            dnnl_memory_desc_init_by_strides(
                &desc, Int32(dims.count), dims.map { Int64($0) }, dnnl_f32, strides.map { Int64($0) }
            ),
            "strided memory descriptor \(dims)"
        )
        raw = desc
    }

    /// Row-major layout of `dims`.
    static func plain(_ dims: [Int]) throws -> MemoryDescriptor {
        let tags = [dnnl_a, dnnl_ab, dnnl_abc, dnnl_abcd, dnnl_abcde, dnnl_abcdef]
        let rank = max(dims.count, 1)
        guard rank <= tags.count else {
            return try MemoryDescriptor(dims: dims, strides: ShapeRules.strides(dims))
        }
        return try MemoryDescriptor(dims: dims, tag: tags[rank - 1])
    }

    /// Lets the primitive choose the layout.
    static func any(_ dims: [Int]) throws -> MemoryDescriptor {
        try MemoryDescriptor(dims: dims, tag: dnnl_format_tag_any)
    }

    var dims: [Int] {
        withUnsafeBytes(of: raw.dims) { buffer in
            Array(buffer.bindMemory(to: Int64.self).prefix(Int(raw.ndims))).map { Int($0) }
        }
    }

    /// Bytes needed, including padding of blocked layouts.
    var byteCount: Int {
        withUnsafePointer(to: raw) { Int(dnnl_memory_desc_get_size($0)) }
    }

    /// Whether this is the row-major layout of its dims.
    var isPlain: Bool {
        guard let plain = try? MemoryDescriptor.plain(dims) else { return false }
        return plain == self
    }

    static func == (lhs: MemoryDescriptor, rhs: MemoryDescriptor) -> Bool {
        withUnsafePointer(to: lhs.raw) { left in
            withUnsafePointer(to: rhs.raw) { right in dnnl_memory_desc_equal(left, right) != 0 }
        }
    }
}
