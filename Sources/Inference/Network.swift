import Foundation
import Synchronization

/// How a network is prepared at load.
public struct NetworkOptions: Sendable {
    /// Threads one inference uses (oneDNN's OpenMP threads); primitives are tuned for this count.
    public var threads: Int
    /// Fixed shapes for inputs whose declared shape is missing or symbolic (a symbolic batch becomes 1).
    public var inputShapes: [String: [Int]]
    /// Folds BatchNormalization into Conv and fuses activations and residual adds (on by default).
    public var fuseOperations: Bool

    /// Options with the given values.
    public init(threads: Int = 1, inputShapes: [String: [Int]] = [:], fuseOperations: Bool = true) {
        self.threads = max(1, threads)
        self.inputShapes = inputShapes
        self.fuseOperations = fuseOperations
    }
}

/// Name and static shape of a network input or output.
public struct TensorSpec: Sendable, Equatable {
    /// Value name in the ONNX graph.
    public let name: String
    /// Static shape fixed at load.
    public let shape: [Int]
}

/// Time one plan step took (see `Network.profile`).
public struct StepTiming: Sendable {
    /// Operator and oneDNN implementation.
    public let label: String
    /// Wall time in seconds.
    public let seconds: Double
}

/// An ONNX model compiled for oneDNN. Thread-safe: concurrent `run` calls each use their own
/// execution context (arena, stream) from a pool; plan and weights are shared read-only.
public final class Network: Sendable {
    /// Graph inputs in declaration order.
    public let inputs: [TensorSpec]
    /// Graph outputs in declaration order.
    public let outputs: [TensorSpec]
    /// Threads per inference.
    public let threads: Int
    private let plan: ExecutionPlan
    private let pool = Mutex<[ExecutionContext]>([])

    /// Loads and compiles an ONNX model from its serialized bytes.
    public init(modelBytes: [UInt8], options: NetworkOptions = NetworkOptions()) throws {
        let graph = try ONNXModelLoader.load(modelBytes)
        var shaped = try ShapeInference.run(graph, inputShapes: options.inputShapes)
        if options.fuseOperations { shaped = try Fusion.run(shaped) }
        let previous = DNNLThreads.current
        DNNLThreads.set(options.threads)
        defer { DNNLThreads.set(previous) }
        plan = try Planner(graph: shaped).plan(threads: options.threads)
        threads = options.threads
        inputs = plan.inputs.map { TensorSpec(name: $0.name, shape: $0.shape) }
        outputs = plan.outputs.map { TensorSpec(name: $0.name, shape: $0.shape) }
    }

    /// Loads and compiles an ONNX model file.
    public convenience init(contentsOf path: String, options: NetworkOptions = NetworkOptions()) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.invalidModel, "cannot read model file \(path)")
        }
        try self.init(modelBytes: [UInt8](data), options: options)
    }

    /// Runs the network on named inputs (plain row-major values); returns every graph output.
    public func run(_ feeds: [String: Tensor]) throws -> [String: Tensor] {
        try withContext { context in
            try write(feeds, into: context)
            try context.execute()
            return read(context)
        }
    }

    /// Runs a single-input network and returns its first output's values.
    public func run(_ input: [Float]) throws -> [Float] {
        guard inputs.count == 1, let spec = inputs.first else {
            throw InferenceError(.invalidInput, "network has \(inputs.count) inputs; pass them by name")
        }
        guard input.count == spec.shape.reduce(1, *) else {
            throw InferenceError(.invalidInput, "input '\(spec.name)' needs \(spec.shape.reduce(1, *)) values, got \(input.count)")
        }
        let results = try run([spec.name: Tensor(shape: spec.shape, values: input)])
        return results[outputs[0].name]?.values ?? []
    }

    /// Runs once and reports the time of every plan step (for finding where time goes).
    public func profile(_ feeds: [String: Tensor]) throws -> [StepTiming] {
        try withContext { context in
            try write(feeds, into: context)
            var timings: [StepTiming] = []
            try context.execute { index, seconds in
                timings.append(StepTiming(label: self.plan.steps[index].label, seconds: seconds))
            }
            return timings
        }
    }

    private func withContext<T>(_ body: (ExecutionContext) throws -> T) throws -> T {
        let context = try pool.withLock { $0.popLast() } ?? ExecutionContext(plan: plan)
        defer { pool.withLock { $0.append(context) } }
        return try body(context)
    }

    private func write(_ feeds: [String: Tensor], into context: ExecutionContext) throws {
        for binding in plan.inputs {
            guard let tensor = feeds[binding.name] else {
                throw InferenceError(.invalidInput, "missing input '\(binding.name)'")
            }
            guard tensor.values.count == binding.shape.reduce(1, *) else {
                throw InferenceError(.invalidInput, "input '\(binding.name)' needs shape \(binding.shape), got \(tensor.shape)")
            }
            tensor.values.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { context.pointer(binding.operand).copyMemory(from: base, byteCount: bytes.count) }
            }
        }
    }

    private func read(_ context: ExecutionContext) -> [String: Tensor] {
        var results: [String: Tensor] = [:]
        for binding in plan.outputs {
            let count = binding.shape.reduce(1, *)
            let pointer = context.pointer(binding.operand).assumingMemoryBound(to: Float.self)
            results[binding.name] = Tensor(shape: binding.shape, values: Array(UnsafeBufferPointer(start: pointer, count: count)))
        }
        return results
    }
}
