import CDNNL
import Foundation

extension Planner {
    /// Identity, Dropout and reshapes: the output shares the input's buffer (plain layout for reshapes).
    func planView(_ node: Node) throws {
        let input = node.inputs[0], output = node.outputs[0]
        if node.opType == "Identity" || node.opType == "Dropout" {
            define(output, try operand(input))
            return
        }
        define(output, try plain(input).viewed(as: .plain(try shape(output))))
    }

    /// Transpose as a oneDNN reorder whose destination has permuted strides.
    func planTranspose(_ node: Node) throws {
        let input = node.inputs[0]
        let xShape = try shape(input)
        let perm = try ShapeRules.permutation(node, rank: xShape.count)
        let outShape = try shape(node.outputs[0])
        let source = try plain(input)
        let destination = try newBuffer(.plain(outShape))
        guard let id = destination.buffer else { return }
        let outStrides = ShapeRules.strides(outShape)
        var strides = Array(repeating: 0, count: xShape.count)
        for (axis, sourceAxis) in perm.enumerated() { strides[sourceAxis] = outStrides[axis] }
        let permuted = Operand.buffer(id, try MemoryDescriptor(dims: xShape.isEmpty ? [1] : xShape, strides: xShape.isEmpty ? [1] : strides))
        try addReorder(from: source, to: permuted, label: node.label)
        define(node.outputs[0], destination)
    }

    /// Concat along an axis with oneDNN's concat primitive.
    func planConcat(_ node: Node) throws {
        let shapes = try node.inputs.map { try shape($0) }
        let (axis, outShape) = try ShapeRules.concat(node, inputs: shapes)
        var sources = try node.inputs.map { try operand($0) }
        let pd: PrimitiveDescriptor
        do {
            pd = try .concat(sources.map(\.descriptor), axis: axis, destination: .any(outShape))
        } catch {
            sources = try node.inputs.map { try plain($0) }
            pd = try .concat(sources.map(\.descriptor), axis: axis, destination: .plain(outShape))
        }
        let destination = try newBuffer(pd.destination ?? .plain(outShape))
        var arguments = sources.enumerated().map { (DNNLArgument.multipleSource($0.offset), $0.element) }
        arguments.append((DNNLArgument.destination, destination))
        try addPrimitive(pd, arguments: arguments, label: node.label)
        define(node.outputs[0], destination)
    }

    /// Softmax in Swift on the plain layout (classifier heads are small).
    func planSoftmax(_ node: Node) throws {
        let input = node.inputs[0]
        let xShape = try shape(input)
        let rank = xShape.count
        guard rank >= 1 else { throw node.error(.shapeMismatch, "softmax of a scalar") }
        let defaultAxis = graph.opset >= 13 ? -1 : 1
        let axis = try ShapeInference.axis(node.int("axis") ?? defaultAxis, rank: rank, node: node)
        let outer = xShape[..<axis].reduce(1, *)
        // Before opset 13 the input is coerced to 2-D at `axis`; from 13 on softmax runs along one axis.
        let length = graph.opset >= 13 ? xShape[axis] : xShape[axis...].reduce(1, *)
        let inner = graph.opset >= 13 ? xShape[(axis + 1)...].reduce(1, *) : 1
        let source = try plain(input)
        let destination = try newBuffer(.plain(xShape))
        addKernel({ sources, results in
            Softmax.apply(sources[0], results[0], outer: outer, length: length, inner: inner)
        }, inputs: [source], outputs: [destination], label: node.label)
        define(node.outputs[0], destination)
    }
}

/// Numerically stable softmax over the middle axis of an [outer, length, inner] tensor.
enum Softmax {
    static func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outer: Int, length: Int, inner: Int) {
        for block in 0..<outer {
            for lane in 0..<inner {
                let base = block * length * inner + lane
                var maximum = -Float.infinity
                for index in 0..<length { maximum = max(maximum, x[base + index * inner]) }
                var sum: Float = 0
                for index in 0..<length {
                    let value = expf(x[base + index * inner] - maximum)
                    y[base + index * inner] = value
                    sum += value
                }
                for index in 0..<length { y[base + index * inner] /= sum }
            }
        }
    }

    /// Softmax of a vector.
    static func apply(_ values: [Float]) -> [Float] {
        var result = values
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                if let input = source.baseAddress, let output = target.baseAddress {
                    apply(input, output, outer: 1, length: values.count, inner: 1)
                }
            }
        }
        return result
    }
}
