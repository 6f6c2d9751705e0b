extension RGBImage {
    /// Antialiased resize: a triangle filter widened by the scale factor when shrinking (like Pillow's
    /// antialiased bilinear), plain bilinear when enlarging. Separable: rows first, then columns.
    public func resized(width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "resize target must be at least 1×1")
        precondition(self.width > 0 && self.height > 0, "cannot resize an empty image")
        if width == self.width, height == self.height { return self }
        let horizontal = ResamplingWeights(inputSize: self.width, outputSize: width)
        let vertical = ResamplingWeights(inputSize: self.height, outputSize: height)
        let rows = resampledRows(to: width, using: horizontal)
        let result = Self.resampledColumns(rows, width: width, height: height, using: vertical)
        return RGBImage(width: width, height: height, pixels: result)
    }

    /// Resize so the longest side is at most `longestSide`, keeping the aspect ratio (no upscaling).
    public func resized(toFitLongestSide longestSide: Int) -> RGBImage {
        let longest = max(width, height)
        guard longestSide > 0, longest > longestSide else { return self }
        let scale = Double(longestSide) / Double(longest)
        let newWidth = max(1, Int((Double(width) * scale).rounded()))
        let newHeight = max(1, Int((Double(height) * scale).rounded()))
        return resized(width: newWidth, height: newHeight)
    }

    /// Pass 1: every input row resampled to `outputWidth`, as floats (height × outputWidth × 3).
    private func resampledRows(to outputWidth: Int, using weights: ResamplingWeights) -> [Float] {
        let inputWidth = width, rowCount = height
        return [Float](unsafeUninitializedCapacity: rowCount * outputWidth * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                weights.weights.withUnsafeBufferPointer { taps in
                    for row in 0..<rowCount {
                        let input = row * inputWidth * 3
                        var target = row * outputWidth * 3
                        for x in 0..<outputWidth {
                            var r: Float = 0, g: Float = 0, b: Float = 0
                            var index = input + weights.starts[x] * 3
                            let tapBase = x * weights.stride
                            for tap in 0..<weights.counts[x] {
                                let weight = taps[tapBase + tap]
                                r += weight * Float(source[index])
                                g += weight * Float(source[index + 1])
                                b += weight * Float(source[index + 2])
                                index += 3
                            }
                            out[target] = r
                            out[target + 1] = g
                            out[target + 2] = b
                            target += 3
                        }
                    }
                }
            }
            initialized = rowCount * outputWidth * 3
        }
    }

    /// Pass 2: columns of the row-resampled floats to `height` rows, rounded to bytes.
    private static func resampledColumns(
        _ rows: [Float],
        width: Int,
        height: Int,
        using weights: ResamplingWeights
    ) -> [UInt8] {
        let rowLength = width * 3
        var accumulator = [Float](repeating: 0, count: rowLength)
        return [UInt8](unsafeUninitializedCapacity: height * rowLength) { out, initialized in
            rows.withUnsafeBufferPointer { source in
                accumulator.withUnsafeMutableBufferPointer { sum in
                    for y in 0..<height {
                        for i in 0..<rowLength { sum[i] = 0 }
                        for tap in 0..<weights.counts[y] {
                            let weight = weights.weights[y * weights.stride + tap]
                            let input = (weights.starts[y] + tap) * rowLength
                            for i in 0..<rowLength {
                                sum[i] += weight * source[input + i]
                            }
                        }
                        let target = y * rowLength
                        for i in 0..<rowLength {
                            out[target + i] = UInt8(min(max(sum[i] + 0.5, 0), 255))
                        }
                    }
                }
            }
            initialized = height * rowLength
        }
    }
}
