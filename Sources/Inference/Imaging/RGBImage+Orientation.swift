extension RGBImage {
    /// The picture turned and/or mirrored so that it displays upright for the given Exif orientation.
    func oriented(_ orientation: EXIFOrientation) -> RGBImage {
        guard orientation != .up else { return self }
        let w = width, h = height
        // Source pixel index = origin + x·stepX + y·stepY for destination (x, y).
        let (origin, stepX, stepY): (Int, Int, Int)
        switch orientation {
        case .up: (origin, stepX, stepY) = (0, 1, w)
        case .mirrored: (origin, stepX, stepY) = (w - 1, -1, w)
        case .upsideDown: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -1, -w)
        case .flipped: (origin, stepX, stepY) = ((h - 1) * w, 1, -w)
        case .transposed: (origin, stepX, stepY) = (0, w, 1)
        case .rotatedClockwise: (origin, stepX, stepY) = ((h - 1) * w, -w, 1)
        case .transverse: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -w, -1)
        case .rotatedCounterClockwise: (origin, stepX, stepY) = (w - 1, w, -1)
        }
        let outWidth = orientation.swapsSides ? h : w
        let outHeight = orientation.swapsSides ? w : h
        let result = [UInt8](unsafeUninitializedCapacity: pixels.count) { out, count in
            pixels.withUnsafeBufferPointer { source in
                var target = 0
                for y in 0..<outHeight {
                    var index = origin + y * stepY
                    for _ in 0..<outWidth {
                        out[target] = source[index * 3]
                        out[target + 1] = source[index * 3 + 1]
                        out[target + 2] = source[index * 3 + 2]
                        target += 3
                        index += stepX
                    }
                }
            }
            count = pixels.count
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: result)
    }
}
