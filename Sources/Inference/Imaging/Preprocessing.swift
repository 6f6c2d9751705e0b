/// Model input preparation: shorter side to `shorterSide`, centre crop, (pixel - mean) / std, NCHW float.
public struct Preprocessing: Sendable, Equatable {
    /// Length the shorter side is resized to (aspect ratio kept, longer side rounded).
    public var shorterSide: Int
    /// Width of the centre crop (the model's input width).
    public var cropWidth: Int
    /// Height of the centre crop (the model's input height).
    public var cropHeight: Int
    /// Per-channel mean in 0...255 pixel units, RGB order.
    public var mean: [Float]
    /// Per-channel standard deviation in 0...255 pixel units, RGB order.
    public var std: [Float]

    /// Creates a recipe; `mean` and `std` must have three entries each.
    public init(shorterSide: Int, cropWidth: Int, cropHeight: Int, mean: [Float], std: [Float]) {
        precondition(mean.count == 3 && std.count == 3, "mean and std need one value per RGB channel")
        precondition(shorterSide > 0 && cropWidth > 0 && cropHeight > 0, "sizes must be positive")
        self.shorterSide = shorterSide
        self.cropWidth = cropWidth
        self.cropHeight = cropHeight
        self.mean = mean
        self.std = std
    }

    /// Returns 1×3×cropHeight×cropWidth floats in NCHW order. If `shorterSide` is smaller than the crop,
    /// the image is scaled up just enough for the crop to fit.
    public func tensor(from image: RGBImage) -> [Float] {
        let (width, height) = resizedSize(width: image.width, height: image.height)
        let cropped = image.resizedAndCenterCropped(width: width, height: height, cropWidth: cropWidth, cropHeight: cropHeight)
        let plane = cropWidth * cropHeight
        let scale = std.map { 1 / $0 }
        let offset = (0..<3).map { -mean[$0] / std[$0] }
        return [Float](unsafeUninitializedCapacity: 3 * plane) { out, initialized in
            cropped.pixels.withUnsafeBufferPointer { pixels in
                for channel in 0..<3 {
                    let base = channel * plane, a = scale[channel], b = offset[channel]
                    for index in 0..<plane {
                        out[base + index] = Float(pixels[index * 3 + channel]) * a + b
                    }
                }
            }
            initialized = 3 * plane
        }
    }

    /// The part of a `width`×`height` picture that ends up in the tensor (the centre crop after the resize), as
    /// fractions of the picture's width and height.
    public func cropRegion(width: Int, height: Int) -> PictureRegion {
        let (resizedWidth, resizedHeight) = resizedSize(width: width, height: height)
        let keptWidth = min(cropWidth, resizedWidth), keptHeight = min(cropHeight, resizedHeight)
        return PictureRegion(
            x: Double((resizedWidth - keptWidth) / 2) / Double(resizedWidth),
            y: Double((resizedHeight - keptHeight) / 2) / Double(resizedHeight),
            width: Double(keptWidth) / Double(resizedWidth),
            height: Double(keptHeight) / Double(resizedHeight)
        )
    }

    /// Size after the shorter-side resize, never smaller than the crop.
    func resizedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let scale = max(
            Double(shorterSide) / Double(min(width, height)),
            Double(cropWidth) / Double(width),
            Double(cropHeight) / Double(height)
        )
        return (
            max(cropWidth, Int((Double(width) * scale).rounded())),
            max(cropHeight, Int((Double(height) * scale).rounded()))
        )
    }
}
