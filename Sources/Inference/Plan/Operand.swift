/// Read-only tensor data prepared at load (weights in the layout their primitive wants, constants).
final class ConstantMemory: @unchecked Sendable {
    let buffer: AlignedBuffer
    let descriptor: MemoryDescriptor

    init(buffer: AlignedBuffer, descriptor: MemoryDescriptor) {
        self.buffer = buffer
        self.descriptor = descriptor
    }
}

/// Where a step finds a tensor: a region of the per-run arena, or shared constant memory.
enum Operand: @unchecked Sendable {
    case buffer(Int, MemoryDescriptor)
    case constant(ConstantMemory)

    var descriptor: MemoryDescriptor {
        switch self {
        case .buffer(_, let descriptor): descriptor
        case .constant(let constant): constant.descriptor
        }
    }

    var buffer: Int? {
        if case .buffer(let id, _) = self { return id }
        return nil
    }

    /// The same storage seen with another descriptor of equal size (reshapes of plain data).
    func viewed(as descriptor: MemoryDescriptor) -> Operand {
        switch self {
        case .buffer(let id, _): .buffer(id, descriptor)
        case .constant(let constant): .constant(ConstantMemory(buffer: constant.buffer, descriptor: descriptor))
        }
    }
}

/// A Swift loop over plain float tensors, for operators without a fitting oneDNN primitive.
typealias KernelFunction = @Sendable ([UnsafePointer<Float>], [UnsafeMutablePointer<Float>]) -> Void

/// One step of an execution plan.
enum PlanStep: @unchecked Sendable {
    case primitive(Primitive, arguments: [(Int32, Operand)], label: String)
    case kernel(KernelFunction, inputs: [Operand], outputs: [Operand], label: String)

    var label: String {
        switch self {
        case .primitive(_, _, let label), .kernel(_, _, _, let label): label
        }
    }
}

/// Size and live range (in step indices) of one arena buffer.
struct BufferLifetime: Sendable {
    var byteCount: Int
    var first: Int
    var last: Int
}
