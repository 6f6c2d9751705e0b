import CDNNL

/// Turns oneDNN status codes into `InferenceError`s.
enum DNNLCall {
    static func check(_ status: dnnl_status_t, _ what: @autoclosure () -> String) throws {
        guard status != dnnl_success else { return }
        throw InferenceError(.backend, "oneDNN \(what()) failed: \(name(status))")
    }

    static func name(_ status: dnnl_status_t) -> String {
        switch status {
        case dnnl_out_of_memory: "out of memory"
        case dnnl_invalid_arguments: "invalid arguments"
        case dnnl_unimplemented: "unimplemented"
        case dnnl_runtime_error: "runtime error"
        default: "status \(status.rawValue)"
        }
    }
}

/// oneDNN execution argument indices (macros in dnnl_types.h).
enum DNNLArgument {
    static let source: Int32 = 1
    static let source1: Int32 = 2
    static let destination: Int32 = 17
    static let weights: Int32 = 33
    static let bias: Int32 = 41
    static let mean: Int32 = 49
    static let variance: Int32 = 50
    static let scale: Int32 = 51
    static let shift: Int32 = 52
    static let scratchpad: Int32 = 80
    static let from: Int32 = 1
    static let to: Int32 = 17

    /// The `index`-th source of a multi-input primitive (concat, sum).
    static func multipleSource(_ index: Int) -> Int32 { 1024 + Int32(index) }

    /// The second source of the binary post-op at `index`.
    static func postOpSource1(_ index: Int) -> Int32 { 16384 * Int32(index + 1) | source1 }
}

/// Thread count of the calling thread's OpenMP runtime, which oneDNN uses.
enum DNNLThreads {
    static func set(_ count: Int) { omp_set_num_threads(Int32(max(1, count))) }
    static var current: Int { Int(omp_get_max_threads()) }
}
