/// Per-output-pixel taps of a triangle (tent) filter along one axis. When shrinking, the filter's support is
/// widened by the scale factor so every input pixel contributes (antialiasing); when enlarging it is plain
/// bilinear interpolation. Pixel centres are at +0.5.
struct ResamplingWeights: Sendable {
    /// First input index read for each output index.
    let starts: [Int]
    /// Number of taps used by each output index (at most `stride`).
    let counts: [Int]
    /// `stride` weights per output index, normalised to sum 1; unused slots are 0.
    let weights: [Float]
    /// Weight slots reserved per output index.
    let stride: Int

    init(inputSize: Int, outputSize: Int) {
        precondition(inputSize > 0 && outputSize > 0)
        let scale = Double(inputSize) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = filterScale  // the triangle's radius is 1 input pixel, stretched when shrinking
        let stride = Int(support.rounded(.up)) * 2 + 1
        var starts = [Int](repeating: 0, count: outputSize)
        var counts = [Int](repeating: 0, count: outputSize)
        var weights = [Float](repeating: 0, count: outputSize * stride)
        for output in 0..<outputSize {
            let center = (Double(output) + 0.5) * scale
            let first = max(Int((center - support + 0.5).rounded(.down)), 0)
            let end = min(Int((center + support + 0.5).rounded(.down)), inputSize)
            var taps = [Double]()
            for input in first..<max(end, first + 1) {
                let distance = abs((Double(input) + 0.5 - center) / filterScale)
                taps.append(max(0, 1 - distance))
            }
            let total = taps.reduce(0, +)
            starts[output] = min(first, inputSize - 1)
            counts[output] = min(taps.count, stride)
            for (slot, tap) in taps.prefix(stride).enumerated() {
                weights[output * stride + slot] = total > 0 ? Float(tap / total) : (slot == 0 ? 1 : 0)
            }
        }
        self.starts = starts
        self.counts = counts
        self.weights = weights
        self.stride = stride
    }
}
