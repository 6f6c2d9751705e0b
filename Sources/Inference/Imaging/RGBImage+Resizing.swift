extension RGBImage {
    /// Antialiased resize: a triangle filter widened by the scale factor when shrinking (like Pillow's
    /// antialiased bilinear), plain bilinear when enlarging. Separable: rows first, then columns.
    public func resized(width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "resize target must be at least 1×1")
        precondition(self.width > 0 && self.height > 0, "cannot resize an empty image")
        if width == self.width, height == self.height { return self }
        return resampled(width: width, height: height, columns: 0..<width, rows: 0..<height)
    }

    /// The same pixels as `resized(width:height:).centerCropped(width: cropWidth, height: cropHeight)`, computing
    /// only the window: the model's preprocessing resizes to a shorter side of 256 and keeps 224×224 of it.
    public func resizedAndCenterCropped(width: Int, height: Int, cropWidth: Int, cropHeight: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "resize target must be at least 1×1")
        precondition(self.width > 0 && self.height > 0, "cannot resize an empty image")
        let keptWidth = max(0, min(cropWidth, width)), keptHeight = max(0, min(cropHeight, height))
        if width == self.width, height == self.height { return centerCropped(width: keptWidth, height: keptHeight) }
        let left = (width - keptWidth) / 2, top = (height - keptHeight) / 2
        return resampled(width: width, height: height, columns: left..<left + keptWidth, rows: top..<top + keptHeight)
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

    /// The `columns` × `rows` window of this image resized to `width`×`height`.
    private func resampled(width: Int, height: Int, columns: Range<Int>, rows: Range<Int>) -> RGBImage {
        let horizontal = ResamplingWeights(inputSize: self.width, outputSize: width)
        let vertical = ResamplingWeights(inputSize: self.height, outputSize: height)
        guard !columns.isEmpty, !rows.isEmpty else { return RGBImage(width: columns.count, height: rows.count, pixels: []) }
        // Only the input rows the window's output rows read are resampled horizontally.
        let firstRow = rows.map { vertical.starts[$0] }.min()!
        let endRow = rows.map { vertical.starts[$0] + vertical.counts[$0] }.max()!
        let passOne = resampledRows(firstRow..<endRow, columns: columns, using: horizontal)
        let pixels = Self.resampledColumns(passOne, firstRow: firstRow, width: columns.count, rows: rows, using: vertical)
        return RGBImage(width: columns.count, height: rows.count, pixels: pixels)
    }

    /// Pass 1: input rows `inputRows` resampled to the output `columns`, as floats
    /// (inputRows.count × columns.count × 3).
    private func resampledRows(_ inputRows: Range<Int>, columns: Range<Int>, using weights: ResamplingWeights) -> [Float] {
        let inputWidth = width, outputWidth = columns.count
        return [Float](unsafeUninitializedCapacity: inputRows.count * outputWidth * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                weights.weights.withUnsafeBufferPointer { taps in
                    weights.starts.withUnsafeBufferPointer { starts in
                        weights.counts.withUnsafeBufferPointer { counts in
                            var target = 0
                            for row in inputRows {
                                let input = row * inputWidth * 3
                                for x in columns {
                                    var r: Float = 0, g: Float = 0, b: Float = 0
                                    var index = input + starts[x] * 3
                                    let tapBase = x * weights.stride
                                    for tap in 0..<counts[x] {
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
                }
            }
            initialized = inputRows.count * outputWidth * 3
        }
    }

    /// Pass 2: the output `rows` from the row-resampled floats (whose first row is input row `firstRow`),
    /// rounded to bytes.
    private static func resampledColumns(
        _ passOne: [Float],
        firstRow: Int,
        width: Int,
        rows: Range<Int>,
        using weights: ResamplingWeights
    ) -> [UInt8] {
        let rowLength = width * 3
        var accumulator = [Float](repeating: 0, count: rowLength)
        return [UInt8](unsafeUninitializedCapacity: rows.count * rowLength) { out, initialized in
            passOne.withUnsafeBufferPointer { source in
                accumulator.withUnsafeMutableBufferPointer { sum in
                    var target = 0
                    for y in rows {
                        for i in 0..<rowLength { sum[i] = 0 }
                        for tap in 0..<weights.counts[y] {
                            let weight = weights.weights[y * weights.stride + tap]
                            let input = (weights.starts[y] + tap - firstRow) * rowLength
                            for i in 0..<rowLength {
                                sum[i] += weight * source[input + i]
                            }
                        }
                        for i in 0..<rowLength {
                            out[target + i] = UInt8(min(max(sum[i] + 0.5, 0), 255))
                        }
                        target += rowLength
                    }
                }
            }
            initialized = rows.count * rowLength
        }
    }
}
