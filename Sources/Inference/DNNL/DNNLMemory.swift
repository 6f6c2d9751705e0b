import CDNNL

/// A oneDNN memory object over memory owned elsewhere (an arena or a constant buffer).
final class DNNLMemory {
    let handle: dnnl_memory_t

    init(_ descriptor: MemoryDescriptor, pointer: UnsafeMutableRawPointer, engine: DNNLEngine = .shared) throws {
        var memory: dnnl_memory_t?
        var desc = descriptor.raw
        try DNNLCall.check(dnnl_memory_create(&memory, &desc, engine.handle, pointer), "memory creation")
        guard let memory else { throw InferenceError(.backend, "oneDNN returned no memory") }
        handle = memory
    }

    deinit { dnnl_memory_destroy(handle) }
}
