/// Evaluates shape-only and data-movement operators on tensors known at load time.
enum ConstantFolder {
    static func evaluate(
        _ node: Node, constants: [String: ConstantTensor], shapes: [String: [Int]]
    ) throws -> [ConstantTensor] {
        func input(_ index: Int) throws -> ConstantTensor {
            guard let name = node.input(index), let value = constants[name] else {
                throw node.error(.invalidModel, "missing constant input \(index)")
            }
            return value
        }
        switch node.opType {
        case "Constant":
            return [try constantValue(node)]
        case "ConstantOfShape":
            let shape = try input(0).integers.map { Int($0) }
            let count = try ShapeLimits.checkedCount(shape, "\(node.label) output")
            if case .tensor(let value)? = node.attributes["value"] {
                return [value.isInteger
                    ? ConstantTensor(shape: shape, integers: Array(repeating: value.integers.first ?? 0, count: count))
                    : ConstantTensor(shape: shape, floats: Array(repeating: value.floats.first ?? 0, count: count))]
            }
            return [ConstantTensor(shape: shape, floats: Array(repeating: 0, count: count))]
        case "Shape":
            guard let name = node.input(0), let shape = shapes[name] else { throw node.error(.invalidModel, "unknown input shape") }
            var values = shape.map { Int64($0) }
            // Out-of-range start and end are clamped to the rank, as the operator's definition says.
            let clamp = { (value: Int) in min(max(value < 0 ? value + shape.count : value, 0), shape.count) }
            let start = clamp(node.int("start") ?? 0)
            let end = max(start, clamp(node.int("end") ?? shape.count))
            values = Array(values[start..<end])
            return [ConstantTensor(shape: [values.count], integers: values)]
        case "Identity", "Dropout":
            return [try input(0)]
        case "Reshape":
            let data = try input(0)
            return [data.reshaped(try ShapeRules.reshape(node, input: data.shape, target: try input(1).integers))]
        case "Flatten":
            let data = try input(0)
            return [data.reshaped(try ShapeRules.flatten(node, input: data.shape))]
        case "Squeeze":
            let data = try input(0)
            let axes = try ShapeRules.axes(node, constants: constants)
            return [data.reshaped(try ShapeRules.squeeze(node, input: data.shape, axes: axes))]
        case "Unsqueeze":
            let data = try input(0)
            let axes = try ShapeRules.axes(node, constants: constants)
            return [data.reshaped(try ShapeRules.unsqueeze(node, input: data.shape, axes: axes))]
        case "Concat":
            let parts = try node.inputs.indices.map { try input($0) }
            let (axis, shape) = try ShapeRules.concat(node, inputs: parts.map(\.shape))
            let outer = shape[..<axis].reduce(1, *)
            if parts.allSatisfy(\.isInteger) {
                return [ConstantTensor(shape: shape, integers: concatenate(parts.map { ($0.integers, $0.shape) }, axis: axis, outer: outer))]
            }
            return [ConstantTensor(shape: shape, floats: concatenate(parts.map { ($0.floats, $0.shape) }, axis: axis, outer: outer))]
        case "Gather":
            return [try gather(node, data: try input(0), indices: try input(1))]
        case "Transpose":
            let data = try input(0)
            let perm = try ShapeRules.permutation(node, rank: data.shape.count)
            let order = transposedOrder(shape: data.shape, perm: perm)
            let shape = perm.map { data.shape[$0] }
            if data.isInteger {
                let values = data.integers
                return [ConstantTensor(shape: shape, integers: order.map { values[$0] })]
            }
            let values = data.floats
            return [ConstantTensor(shape: shape, floats: order.map { values[$0] })]
        default:
            throw node.error(.unsupported, "cannot evaluate \(node.opType) at load time")
        }
    }

    private static func constantValue(_ node: Node) throws -> ConstantTensor {
        switch (node.attributes["value"], node.attributes["value_float"], node.attributes["value_floats"],
                node.attributes["value_int"], node.attributes["value_ints"]) {
        case (.tensor(let value)?, _, _, _, _): return value
        case (_, .float(let value)?, _, _, _): return ConstantTensor(shape: [], floats: [value])
        case (_, _, .floats(let values)?, _, _): return ConstantTensor(shape: [values.count], floats: values)
        case (_, _, _, .int(let value)?, _): return ConstantTensor(shape: [], integers: [Int64(value)])
        case (_, _, _, _, .ints(let values)?): return ConstantTensor(shape: [values.count], integers: values.map { Int64($0) })
        default: throw node.error(.unsupported, "Constant needs a value, value_float(s) or value_int(s) attribute")
        }
    }

    private static func concatenate<T>(_ parts: [([T], [Int])], axis: Int, outer: Int) -> [T] {
        var result: [T] = []
        for block in 0..<outer {
            for (values, shape) in parts {
                let inner = shape[axis...].reduce(1, *)
                result.append(contentsOf: values[(block * inner)..<((block + 1) * inner)])
            }
        }
        return result
    }

    private static func gather(_ node: Node, data: ConstantTensor, indices: ConstantTensor) throws -> ConstantTensor {
        guard !data.shape.isEmpty else { throw node.error(.invalidModel, "Gather of a scalar") }
        let axis = try ShapeInference.axis(node.int("axis") ?? 0, rank: data.shape.count, node: node)
        let outer = data.shape[..<axis].reduce(1, *)
        let size = data.shape[axis]
        let inner = data.shape[(axis + 1)...].reduce(1, *)
        let picks = try indices.integers.map { raw -> Int in
            let index = Int(raw) < 0 ? Int(raw) + size : Int(raw)
            guard index >= 0, index < size else { throw node.error(.invalidModel, "index \(raw) out of range \(size)") }
            return index
        }
        let shape = Array(data.shape[..<axis]) + indices.shape + Array(data.shape[(axis + 1)...])
        _ = try ShapeLimits.checkedCount(shape, "\(node.label) output")
        var order: [Int] = []
        for block in 0..<outer {
            for index in picks { order += ((block * size + index) * inner)..<((block * size + index + 1) * inner) }
        }
        if data.isInteger {
            let values = data.integers
            return ConstantTensor(shape: shape, integers: order.map { values[$0] })
        }
        let values = data.floats
        return ConstantTensor(shape: shape, floats: order.map { values[$0] })
    }

    /// Source index of each element of the transposed tensor, in output order.
    static func transposedOrder(shape: [Int], perm: [Int]) -> [Int] {
        let sourceStrides = ShapeRules.strides(shape)
        let outShape = perm.map { shape[$0] }
        let count = shape.reduce(1, *)
        var order = [Int](repeating: 0, count: count)
        var position = [Int](repeating: 0, count: shape.count)
        for flat in 0..<count {
            var source = 0
            for axis in 0..<perm.count { source += position[axis] * sourceStrides[perm[axis]] }
            order[flat] = source
            var axis = perm.count - 1
            while axis >= 0 {
                position[axis] += 1
                if position[axis] < outShape[axis] { break }
                position[axis] = 0
                axis -= 1
            }
        }
        return order
    }
}
