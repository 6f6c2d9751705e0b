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
    ///
    /// Separable, one output row at a time, in loops the compiler vectorises: the input rows the output row
    /// reads are blended into one float row (only the input columns the window reads); that row is widened
    /// to one `SIMD4` per pixel; each output pixel sums its horizontal taps as whole pixels (weights padded
    /// with zeros to `stride` taps: every pixel runs the same fixed-length loop); the sums are rounded to
    /// bytes in one flat pass and packed back to RGB.
    private func resampled(width: Int, height: Int, columns: Range<Int>, rows: Range<Int>) -> RGBImage {
        let horizontal = ResamplingWeights(inputSize: self.width, outputSize: width)
        let vertical = ResamplingWeights(inputSize: self.height, outputSize: height)
        guard !columns.isEmpty, !rows.isEmpty else { return RGBImage(width: columns.count, height: rows.count, pixels: []) }
        let firstColumn = columns.map { horizontal.starts[$0] }.min()!
        let endColumn = columns.map { horizontal.starts[$0] + horizontal.counts[$0] }.max()!
        let span = endColumn - firstColumn, taps = horizontal.stride, outputWidth = columns.count
        let inputStride = self.width * 3
        var blended = [Float](repeating: 0, count: span * 3)
        // Zero pixels after the span: padded taps (weight 0) may read up to `taps` pixels past it.
        var line = [SIMD4<Float>](repeating: .zero, count: span + taps)
        var sums = [SIMD4<Float>](repeating: .zero, count: outputWidth)
        var rounded = [UInt8](repeating: 0, count: outputWidth * 4)
        let pixels = [UInt8](unsafeUninitializedCapacity: rows.count * outputWidth * 3) { out, initialized in
            self.pixels.withUnsafeBufferPointer { source in
                blended.withUnsafeMutableBufferPointer { blended in
                    line.withUnsafeMutableBufferPointer { line in
                        sums.withUnsafeMutableBufferPointer { sums in
                            rounded.withUnsafeMutableBufferPointer { rounded in
                                horizontal.weights.withUnsafeBufferPointer { weights in
                                    horizontal.starts.withUnsafeBufferPointer { starts in
                                        var target = out.baseAddress!
                                        for y in rows {
                                            for i in 0..<blended.count { blended[i] = 0 }
                                            for tap in 0..<vertical.counts[y] {
                                                let weight = vertical.weights[y * vertical.stride + tap]
                                                let input = source.baseAddress! + (vertical.starts[y] + tap) * inputStride + firstColumn * 3
                                                for i in 0..<blended.count { blended[i] += weight * Float(input[i]) }
                                            }
                                            for x in 0..<span {
                                                line[x] = SIMD4(blended[3 * x], blended[3 * x + 1], blended[3 * x + 2], 0)
                                            }
                                            for (index, x) in columns.enumerated() {
                                                // Two partial sums: the adds of one pixel are not one long chain.
                                                var even = SIMD4<Float>.zero, odd = SIMD4<Float>.zero
                                                let pixels = line.baseAddress! + (starts[x] - firstColumn)
                                                let taps = weights.baseAddress! + x * taps
                                                var tap = 0
                                                while tap + 1 < horizontal.stride {
                                                    even += taps[tap] * pixels[tap]
                                                    odd += taps[tap + 1] * pixels[tap + 1]
                                                    tap += 2
                                                }
                                                if tap < horizontal.stride { even += taps[tap] * pixels[tap] }
                                                sums[index] = even + odd
                                            }
                                            UnsafeRawPointer(sums.baseAddress!).withMemoryRebound(to: Float.self, capacity: rounded.count) { sums in
                                                for i in 0..<rounded.count { rounded[i] = Self.byte(sums[i]) }
                                            }
                                            for x in 0..<outputWidth {
                                                target[3 * x] = rounded[4 * x]
                                                target[3 * x + 1] = rounded[4 * x + 1]
                                                target[3 * x + 2] = rounded[4 * x + 2]
                                            }
                                            target += outputWidth * 3
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = rows.count * outputWidth * 3
        }
        return RGBImage(width: outputWidth, height: rows.count, pixels: pixels)
    }

    /// `value` clamped to 0...255 and rounded to the nearest byte (ties to even), without branches: adding
    /// 2^23 leaves the rounded integer in the low bits of the float's pattern.
    @inline(__always)
    private static func byte(_ value: Float) -> UInt8 {
        UInt8(truncatingIfNeeded: (Swift.min(Swift.max(value, 0), 255) + 8_388_608).bitPattern)
    }
}
