import CDNNL

/// An in-order CPU stream; one per execution context (streams are not thread-safe).
final class DNNLStream {
    let handle: dnnl_stream_t

    init(engine: DNNLEngine = .shared) throws {
        var stream: dnnl_stream_t?
        try DNNLCall.check(
            dnnl_stream_create(&stream, engine.handle, dnnl_stream_default_flags.rawValue),
            "stream creation"
        )
        guard let stream else { throw InferenceError(.backend, "oneDNN returned no stream") }
        handle = stream
    }

    func wait() throws { try DNNLCall.check(dnnl_stream_wait(handle), "stream wait") }

    deinit { dnnl_stream_destroy(handle) }
}
