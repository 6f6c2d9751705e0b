import CDNNL
import Dispatch

/// Per-run state: the arena holding all intermediate tensors, a scratchpad, a stream and the memory
/// objects bound to them. Used by one thread at a time (the network hands contexts out from a pool).
final class ExecutionContext: @unchecked Sendable {
    private let plan: ExecutionPlan
    private let arena: AlignedBuffer
    private let scratchpad: AlignedBuffer
    private let stream: DNNLStream
    private var memories: [DNNLMemory] = []
    private var arguments: [[dnnl_exec_arg_t]] = []

    init(plan: ExecutionPlan) throws {
        self.plan = plan
        arena = AlignedBuffer(byteCount: plan.arenaBytes)
        scratchpad = AlignedBuffer(byteCount: plan.scratchpadBytes)
        stream = try DNNLStream()
        let scratchpadMemory = try DNNLMemory(
            try MemoryDescriptor(dims: [scratchpad.byteCount / 4], tag: dnnl_a), pointer: scratchpad.pointer
        )
        memories.append(scratchpadMemory)
        for step in plan.steps {
            guard case .primitive(let primitive, let operands, _) = step else {
                arguments.append([])
                continue
            }
            var list: [dnnl_exec_arg_t] = []
            for (index, operand) in operands {
                let memory = try DNNLMemory(operand.descriptor, pointer: pointer(operand))
                memories.append(memory)
                list.append(dnnl_exec_arg_t(arg: index, memory: memory.handle))
            }
            if primitive.scratchpadBytes > 0 {
                list.append(dnnl_exec_arg_t(arg: DNNLArgument.scratchpad, memory: scratchpadMemory.handle))
            }
            arguments.append(list)
        }
    }

    func pointer(_ operand: Operand) -> UnsafeMutableRawPointer {
        switch operand {
        case .buffer(let id, _): arena.pointer + plan.offsets[id]
        case .constant(let constant): constant.buffer.pointer
        }
    }

    /// Runs all steps; inputs must already be written to their bindings.
    func execute(timings: ((Int, Double) -> Void)? = nil) throws {
        DNNLThreads.set(plan.threads)
        for (index, step) in plan.steps.enumerated() {
            let start = timings == nil ? 0 : Self.now()
            switch step {
            case .primitive(let primitive, _, _):
                try primitive.execute(arguments[index], stream: stream)
            case .kernel(let kernel, let inputs, let outputs, _):
                try stream.wait()
                kernel(
                    inputs.map { UnsafePointer(pointer($0).assumingMemoryBound(to: Float.self)) },
                    outputs.map { pointer($0).assumingMemoryBound(to: Float.self) }
                )
            }
            if let timings {
                try stream.wait()
                timings(index, Self.now() - start)
            }
        }
        try stream.wait()
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
