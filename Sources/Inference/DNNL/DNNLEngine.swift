import CDNNL

/// The CPU engine; thread-safe in oneDNN, shared by all networks.
final class DNNLEngine: @unchecked Sendable {
    static let shared: DNNLEngine = {
        do { return try DNNLEngine() } catch { fatalError("cannot create the oneDNN CPU engine: \(error)") }
    }()

    let handle: dnnl_engine_t

    private init() throws {
        var engine: dnnl_engine_t?
        try DNNLCall.check(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine creation")
        guard let engine else { throw InferenceError(.backend, "oneDNN returned no engine") }
        handle = engine
    }

    deinit { dnnl_engine_destroy(handle) }
}
