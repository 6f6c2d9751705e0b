/// Bounds on the shapes a model may declare or produce, checked at load so that no size read from a file
/// reaches an allocation or an overflowing multiplication.
enum ShapeLimits {
    /// Most elements one tensor may have (1 GiB of float32), and the largest size any dimension,
    /// kernel, stride, dilation or padding may take.
    static let maximumElements = 1 << 28

    /// The element count of `shape`, or nil when a dimension is negative or the product of its non-zero
    /// dimensions exceeds `maximumElements` (so every partial product is bounded too).
    static func elementCount(_ shape: [Int]) -> Int? {
        var bounded = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = bounded.multipliedReportingOverflow(by: max(dimension, 1))
            guard !overflow, product <= maximumElements else { return nil }
            bounded = product
        }
        return shape.contains(0) ? 0 : bounded
    }

    /// The element count of `shape`, or an `invalidModel` error naming `what`.
    static func checkedCount(_ shape: [Int], _ what: @autoclosure () -> String) throws -> Int {
        guard let count = elementCount(shape) else {
            throw InferenceError(
                .invalidModel, "\(what()) has shape \(shape): negative, or more than \(maximumElements) elements"
            )
        }
        return count
    }

    /// Whether every value lies in 0...maximumElements (window sizes, strides, pads).
    static func isBounded(_ values: [Int]) -> Bool {
        values.allSatisfy { (0...maximumElements).contains($0) }
    }
}
