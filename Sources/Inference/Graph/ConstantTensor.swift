/// A tensor whose value is known when the model loads: an initializer, a Constant or a folded result.
struct ConstantTensor: Sendable {
    enum Storage: Sendable {
        case float([Float])
        case int64([Int64])
    }

    var shape: [Int]
    var storage: Storage

    init(shape: [Int], floats: [Float]) {
        self.shape = shape
        self.storage = .float(floats)
    }

    init(shape: [Int], integers: [Int64]) {
        self.shape = shape
        self.storage = .int64(integers)
    }

    var count: Int { shape.reduce(1, *) }

    var isInteger: Bool {
        if case .int64 = storage { return true }
        return false
    }

    /// Values as floats (integers converted).
    var floats: [Float] {
        switch storage {
        case .float(let values): values
        case .int64(let values): values.map { Float($0) }
        }
    }

    /// Values as integers (floats truncated).
    var integers: [Int64] {
        switch storage {
        case .float(let values): values.map { Int64($0) }
        case .int64(let values): values
        }
    }

    /// The same values with another shape of equal element count.
    func reshaped(_ newShape: [Int]) -> ConstantTensor {
        var copy = self
        copy.shape = newShape
        return copy
    }
}
