/// One attribute value of an ONNX node.
enum Attribute: Sendable {
    case float(Float)
    case int(Int)
    case string(String)
    case tensor(ConstantTensor)
    case floats([Float])
    case ints([Int])
    case strings([String])
}

/// An activation or residual add that runs inside the preceding primitive (oneDNN post-op).
enum FusedOperation: Sendable {
    /// Element-wise function applied to the result.
    case activation(Activation)
    /// Adds the named tensor (same shape) to the result before later activations.
    case add(String)
}

/// Element-wise activation functions with their parameters.
enum Activation: Sendable, Equatable {
    case relu
    case leakyRelu(alpha: Float)
    case clip(min: Float, max: Float)
    case sigmoid
}

/// One operator application in the graph.
struct Node: Sendable {
    var name: String
    var opType: String
    /// Input value names; "" marks an omitted optional input.
    var inputs: [String]
    var outputs: [String]
    var attributes: [String: Attribute]
    /// Operations fused into this node at load; its output is the value after them.
    var fused: [FusedOperation] = []

    /// "op 'name'" for error messages.
    var label: String { "\(opType) node '\(name)'" }

    func int(_ key: String) -> Int? {
        if case .int(let value) = attributes[key] { return value }
        return nil
    }

    func float(_ key: String) -> Float? {
        switch attributes[key] {
        case .float(let value): value
        case .int(let value): Float(value)
        default: nil
        }
    }

    func ints(_ key: String) -> [Int]? {
        if case .ints(let value) = attributes[key] { return value }
        return nil
    }

    func floats(_ key: String) -> [Float]? {
        if case .floats(let value) = attributes[key] { return value }
        return nil
    }

    func string(_ key: String) -> String? {
        if case .string(let value) = attributes[key] { return value }
        return nil
    }

    /// Input `index` if present and not omitted.
    func input(_ index: Int) -> String? {
        index < inputs.count && !inputs[index].isEmpty ? inputs[index] : nil
    }

    func error(_ code: InferenceError.Code, _ detail: String) -> InferenceError {
        InferenceError(code, "\(label): \(detail)")
    }
}
