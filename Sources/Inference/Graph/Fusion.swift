/// Load-time rewrites: BatchNormalization folded into Conv weights, activations and residual adds
/// fused into the Conv that produces their input.
enum Fusion {
    static func run(_ graph: ShapedGraph) throws -> ShapedGraph {
        var graph = graph
        var consumers: [String: Int] = [:]
        for node in graph.nodes { for input in node.inputs where !input.isEmpty { consumers[input, default: 0] += 1 } }
        for output in graph.outputs { consumers[output, default: 0] += 1 }
        let graphInputs = Set(graph.inputs.map(\.name))

        var result: [Node] = []
        var producer: [String: Int] = [:]
        /// The Conv in `result` producing `value`, if `value` feeds only the node being visited.
        func fusableConv(_ value: String) -> Int? {
            guard let index = producer[value], result[index].opType == "Conv", consumers[value] == 1 else { return nil }
            return index
        }
        for node in graph.nodes {
            if node.opType == "BatchNormalization", let index = fusableConv(node.inputs[0]),
               result[index].fused.isEmpty, let folded = try fold(node, into: result[index], graph: &graph) {
                result[index] = folded
                producer[folded.outputs[0]] = index
                continue
            }
            if let activation = try activation(of: node, constants: graph.constants),
               let index = fusableConv(node.inputs[0]) {
                result[index].fused.append(.activation(activation))
                result[index].outputs[0] = node.outputs[0]
                producer[node.outputs[0]] = index
                continue
            }
            if node.opType == "Add", node.inputs.count == 2, !result.isEmpty {
                let shapes = node.inputs.map { graph.shapes[$0] }
                let candidates = [(node.inputs[0], node.inputs[1]), (node.inputs[1], node.inputs[0])]
                    .sorted { (producer[$0.0] ?? -1) > (producer[$1.0] ?? -1) }
                let fused = candidates.first { convValue, residual in
                    guard shapes[0] == shapes[1], let index = fusableConv(convValue),
                          !result[index].fused.contains(where: { if case .add = $0 { true } else { false } }),
                          graph.constants[residual] == nil else { return false }
                    return graphInputs.contains(residual) || (producer[residual] ?? Int.max) < index
                }
                if let (convValue, residual) = fused, let index = producer[convValue] {
                    result[index].fused.append(.add(residual))
                    result[index].outputs[0] = node.outputs[0]
                    producer[node.outputs[0]] = index
                    continue
                }
            }
            result.append(node)
            for output in node.outputs where !output.isEmpty { producer[output] = result.count - 1 }
        }
        graph.nodes = result
        return graph
    }

    /// The element-wise activation a node computes, when it is one that oneDNN can fuse.
    static func activation(of node: Node, constants: [String: ConstantTensor]) throws -> Activation? {
        switch node.opType {
        case "Relu": return .relu
        case "Sigmoid": return .sigmoid
        case "LeakyRelu": return .leakyRelu(alpha: node.float("alpha") ?? 0.01)
        case "Clip":
            var low = node.float("min") ?? -Float.greatestFiniteMagnitude
            var high = node.float("max") ?? Float.greatestFiniteMagnitude
            for (index, isMin) in [(1, true), (2, false)] {
                guard let name = node.input(index) else { continue }
                guard let value = constants[name]?.floats.first else {
                    throw node.error(.unsupported, "Clip bounds must be known at load time")
                }
                if isMin { low = value } else { high = value }
            }
            return .clip(min: low, max: high)
        default: return nil
        }
    }

    /// Folds an inference BatchNormalization into the weights and bias of `conv`.
    private static func fold(_ bn: Node, into conv: Node, graph: inout ShapedGraph) throws -> Node? {
        let names = (1...4).map { bn.input($0) }
        let params = names.map { $0.flatMap { graph.constants[$0]?.floats } }
        guard let scale = params[0], let shift = params[1], let mean = params[2], let variance = params[3],
              let weights = graph.constants[conv.inputs[1]] else { return nil }
        let channels = weights.shape[0]
        guard [scale, shift, mean, variance].allSatisfy({ $0.count == channels }) else {
            throw bn.error(.shapeMismatch, "parameters do not match \(channels) channels")
        }
        var bias: [Float] = Array(repeating: 0, count: channels)
        if let name = conv.input(2) {
            guard let values = graph.constants[name]?.floats else { return nil }
            bias = values
        }
        let epsilon = bn.float("epsilon") ?? 1e-5
        var folded = weights.floats
        let perChannel = folded.count / channels
        for channel in 0..<channels {
            let factor = scale[channel] / (variance[channel] + epsilon).squareRoot()
            for index in (channel * perChannel)..<((channel + 1) * perChannel) { folded[index] *= factor }
            bias[channel] = (bias[channel] - mean[channel]) * factor + shift[channel]
        }
        var result = conv
        let weightName = "\(conv.name)#folded-weights", biasName = "\(conv.name)#folded-bias"
        graph.constants[weightName] = ConstantTensor(shape: weights.shape, floats: folded)
        graph.constants[biasName] = ConstantTensor(shape: [channels], floats: bias)
        graph.shapes[weightName] = weights.shape
        graph.shapes[biasName] = [channels]
        result.inputs = [conv.inputs[0], weightName, biasName]
        result.outputs[0] = bn.outputs[0]
        return result
    }
}
