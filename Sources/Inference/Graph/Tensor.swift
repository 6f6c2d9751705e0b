/// A dense float32 tensor in plain row-major (NCHW for images) order.
public struct Tensor: Sendable, Equatable {
    /// Dimensions, outermost first; `[]` is a scalar.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values in row-major order.
    public var values: [Float]

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "tensor values do not match shape \(shape)")
        self.shape = shape
        self.values = values
    }
}
