/// Output shapes of the layout-only operators, shared by shape inference and constant folding.
enum ShapeRules {
    static func reshape(_ node: Node, input: [Int], target: [Int64]) throws -> [Int] {
        let allowZero = (node.int("allowzero") ?? 0) != 0
        // Bounded first, so that the products below cannot overflow.
        guard target.allSatisfy({ $0 >= -1 }), target.filter({ $0 == -1 }).count <= 1,
              ShapeLimits.elementCount(target.map { max(Int($0), 1) }) != nil else {
            throw node.error(.shapeMismatch, "cannot reshape \(input) to \(target)")
        }
        var shape = try target.enumerated().map { index, value -> Int in
            if value == 0 && !allowZero {
                guard index < input.count else { throw node.error(.shapeMismatch, "shape \(target) copies a missing dimension") }
                return input[index]
            }
            return Int(value)
        }
        let count = input.reduce(1, *)
        if let unknown = shape.firstIndex(of: -1) {
            let known = shape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw node.error(.shapeMismatch, "cannot reshape \(input) to \(target)")
            }
            shape[unknown] = count / known
        }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == count else {
            throw node.error(.shapeMismatch, "cannot reshape \(input) to \(target)")
        }
        return shape
    }

    static func flatten(_ node: Node, input: [Int]) throws -> [Int] {
        let axis = try ShapeInference.axis(node.int("axis") ?? 1, rank: input.count + 1, node: node)
        return [input[..<axis].reduce(1, *), input[axis...].reduce(1, *)]
    }

    /// Axes from the attribute (opset < 13) or the second input (opset >= 13).
    static func axes(_ node: Node, constants: [String: ConstantTensor]) throws -> [Int]? {
        if let axes = node.ints("axes") { return axes }
        guard let name = node.input(1) else { return nil }
        guard let tensor = constants[name] else {
            throw node.error(.unsupported, "axes input '\(name)' must be known at load time")
        }
        return tensor.integers.map { Int($0) }
    }

    static func squeeze(_ node: Node, input: [Int], axes: [Int]?) throws -> [Int] {
        guard let axes else { return input.filter { $0 != 1 } }
        let resolved = try Set(axes.map { try ShapeInference.axis($0, rank: input.count, node: node) })
        for axis in resolved where axis >= input.count || input[axis] != 1 {
            throw node.error(.shapeMismatch, "cannot squeeze axis \(axis) of shape \(input)")
        }
        return input.enumerated().filter { !resolved.contains($0.offset) }.map(\.element)
    }

    static func unsqueeze(_ node: Node, input: [Int], axes: [Int]?) throws -> [Int] {
        guard let axes else { throw node.error(.invalidModel, "Unsqueeze needs axes") }
        let rank = input.count + axes.count
        let resolved = try Set(axes.map { try ShapeInference.axis($0, rank: rank, node: node) })
        var source = input.makeIterator()
        return (0..<rank).map { resolved.contains($0) ? 1 : source.next() ?? 1 }
    }

    static func permutation(_ node: Node, rank: Int) throws -> [Int] {
        let perm = node.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw node.error(.invalidModel, "perm \(perm) is not a permutation of rank \(rank)")
        }
        return perm
    }

    static func concat(_ node: Node, inputs: [[Int]]) throws -> (axis: Int, shape: [Int]) {
        guard let first = inputs.first, !first.isEmpty else {
            throw node.error(.invalidModel, "Concat needs inputs of rank >= 1")
        }
        guard let rawAxis = node.int("axis") else { throw node.error(.invalidModel, "Concat needs an axis") }
        let axis = try ShapeInference.axis(rawAxis, rank: first.count, node: node)
        var shape = first
        shape[axis] = 0
        for input in inputs {
            guard input.count == first.count,
                  input.enumerated().allSatisfy({ $0.offset == axis || $0.element == first[$0.offset] }) else {
                throw node.error(.shapeMismatch, "inputs \(inputs) do not concatenate on axis \(axis)")
            }
            shape[axis] += input[axis]
        }
        return (axis, shape)
    }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        return strides
    }
}
