/// A graph input: its name and declared shape (nil for symbolic dimensions).
struct GraphInput: Sendable {
    var name: String
    var shape: [Int?]
}

/// A model graph in load order (topologically sorted), with its constant tensors.
struct Graph: Sendable {
    var nodes: [Node]
    var constants: [String: ConstantTensor]
    /// Runtime inputs (initializers excluded).
    var inputs: [GraphInput]
    var outputs: [String]
    /// Opset version of the default ONNX domain.
    var opset: Int
}
