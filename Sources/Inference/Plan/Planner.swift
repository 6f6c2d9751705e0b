import CDNNL

/// Turns a fused, shaped graph into an execution plan: primitives created once, weights reordered
/// once, and every intermediate tensor given an arena buffer that is reused once it is dead.
final class Planner {
    let graph: ShapedGraph
    private(set) var steps: [PlanStep] = []
    private(set) var buffers: [BufferLifetime] = []
    private var locations: [String: Operand] = [:]
    private var converted: [String: [Operand]] = [:]
    private var constantOperands: [String: ConstantMemory] = [:]
    private var bufferValues: [Int: [String]] = [:]
    private var lastUse: [String: Int] = [:]
    private(set) var nodeIndex = 0
    let loadStream: DNNLStream

    init(graph: ShapedGraph) throws {
        self.graph = graph
        loadStream = try DNNLStream()
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { lastUse[input] = index }
            for case .add(let residual) in node.fused { lastUse[residual] = index }
        }
        for output in graph.outputs { lastUse[output] = Int.max }
    }

    func plan(threads: Int) throws -> ExecutionPlan {
        var inputs: [ExecutionPlan.Binding] = []
        for input in graph.inputs {
            let operand = try newBuffer(.plain(input.shape))
            define(input.name, operand)
            inputs.append(.init(name: input.name, shape: input.shape, operand: operand))
        }
        for (index, node) in graph.nodes.enumerated() {
            nodeIndex = index
            try plan(node)
        }
        var outputs: [ExecutionPlan.Binding] = []
        for name in graph.outputs {
            let operand = try plain(name)
            if let id = operand.buffer { buffers[id].last = Int.max }
            outputs.append(.init(name: name, shape: try shape(name), operand: operand))
        }
        let layout = ArenaLayout.assign(buffers)
        let scratchpad = steps.reduce(0) { size, step in
            if case .primitive(let primitive, _, _) = step { return max(size, primitive.scratchpadBytes) }
            return size
        }
        return ExecutionPlan(
            steps: steps, offsets: layout.offsets, arenaBytes: layout.size, scratchpadBytes: scratchpad,
            inputs: inputs, outputs: outputs, threads: threads
        )
    }

    private func plan(_ node: Node) throws {
        switch node.opType {
        case "Conv": try planConvolution(node)
        case "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool": try planPooling(node)
        case "Relu", "Sigmoid", "LeakyRelu", "Clip": try planActivation(node)
        case "Add", "Mul", "Sum": try planElementwise(node)
        case "BatchNormalization": try planBatchNormalization(node)
        case "LRN": try planLRN(node)
        case "Softmax": try planSoftmax(node)
        case "Identity", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze": try planView(node)
        case "Transpose": try planTranspose(node)
        case "Concat": try planConcat(node)
        case "Gemm", "MatMul": try planMatMul(node)
        default: throw node.error(.unsupported, "operator \(node.opType) cannot be executed")
        }
    }

    // MARK: values

    func shape(_ name: String) throws -> [Int] {
        guard let shape = graph.shapes[name] else { throw InferenceError(.invalidModel, "unknown value '\(name)'") }
        return shape
    }

    func constant(_ name: String) -> ConstantTensor? { graph.constants[name] }

    /// The current location of a value; constants become shared plain constant memory.
    func operand(_ name: String) throws -> Operand {
        if let operand = locations[name] { return operand }
        if let cached = constantOperands[name] { return .constant(cached) }
        guard let tensor = graph.constants[name] else { throw InferenceError(.invalidModel, "value '\(name)' is not available") }
        let memory = ConstantMemory(buffer: AlignedBuffer(floats: tensor.floats), descriptor: try .plain(tensor.shape))
        constantOperands[name] = memory
        return .constant(memory)
    }

    /// The value in layout `descriptor`, converting (once per layout) when needed.
    func operand(_ name: String, as descriptor: MemoryDescriptor) throws -> Operand {
        let current = try operand(name)
        if current.descriptor == descriptor { return current }
        if let copy = converted[name]?.first(where: { $0.descriptor == descriptor }) {
            touch(copy)
            return copy
        }
        let copy = try newBuffer(descriptor)
        try addReorder(from: current, to: copy, label: "reorder \(name)")
        converted[name, default: []].append(copy)
        if let id = copy.buffer { bufferValues[id, default: []].append(name) }
        return copy
    }

    /// The value in row-major layout.
    func plain(_ name: String) throws -> Operand {
        try operand(name, as: .plain(try shape(name)))
    }

    func define(_ name: String, _ operand: Operand) {
        locations[name] = operand
        if let id = operand.buffer { bufferValues[id, default: []].append(name) }
    }

    func newBuffer(_ descriptor: MemoryDescriptor) throws -> Operand {
        buffers.append(BufferLifetime(byteCount: descriptor.byteCount, first: steps.count, last: steps.count))
        return .buffer(buffers.count - 1, descriptor)
    }

    /// Whether no value stored in `buffer` is read after the current node.
    func isDeadAfterCurrentNode(_ buffer: Int) -> Bool {
        (bufferValues[buffer] ?? []).allSatisfy { (lastUse[$0] ?? -1) <= nodeIndex }
    }

    // MARK: steps

    private func touch(_ operand: Operand) {
        guard let id = operand.buffer else { return }
        buffers[id].first = min(buffers[id].first, steps.count)
        buffers[id].last = max(buffers[id].last, steps.count)
    }

    func addPrimitive(_ descriptor: PrimitiveDescriptor, arguments: [(Int32, Operand)], label: String) throws {
        let primitive = try Primitive(descriptor)
        for (_, operand) in arguments { touch(operand) }
        steps.append(.primitive(primitive, arguments: arguments, label: "\(label) [\(primitive.implementation)]"))
    }

    func addKernel(_ kernel: @escaping KernelFunction, inputs: [Operand], outputs: [Operand], label: String) {
        for operand in inputs + outputs { touch(operand) }
        steps.append(.kernel(kernel, inputs: inputs, outputs: outputs, label: label))
    }

    func addReorder(from source: Operand, to destination: Operand, label: String) throws {
        let pd = try PrimitiveDescriptor.reorder(from: source.descriptor, to: destination.descriptor)
        try addPrimitive(pd, arguments: [(DNNLArgument.from, source), (DNNLArgument.to, destination)], label: label)
    }

    /// Plain float values converted once, at load, into the layout a primitive chose for them.
    func constantMemory(_ values: [Float], plain: MemoryDescriptor, as wanted: MemoryDescriptor) throws -> ConstantMemory {
        let source = AlignedBuffer(floats: values)
        if plain == wanted { return ConstantMemory(buffer: source, descriptor: wanted) }
        let destination = AlignedBuffer(byteCount: wanted.byteCount)
        let from = try DNNLMemory(plain, pointer: source.pointer)
        let to = try DNNLMemory(wanted, pointer: destination.pointer)
        let primitive = try Primitive(try .reorder(from: plain, to: wanted))
        var arguments = [
            dnnl_exec_arg_t(arg: DNNLArgument.from, memory: from.handle),
            dnnl_exec_arg_t(arg: DNNLArgument.to, memory: to.handle),
        ]
        let scratchpad = AlignedBuffer(byteCount: primitive.scratchpadBytes)
        let scratchpadMemory = try DNNLMemory(
            try MemoryDescriptor(dims: [scratchpad.byteCount / 4], tag: dnnl_a), pointer: scratchpad.pointer
        )
        if primitive.scratchpadBytes > 0 {
            arguments.append(dnnl_exec_arg_t(arg: DNNLArgument.scratchpad, memory: scratchpadMemory.handle))
        }
        try primitive.execute(arguments, stream: loadStream)
        try loadStream.wait()
        return ConstantMemory(buffer: destination, descriptor: wanted)
    }
}
