extension RGBImage {
    /// The centred `width`×`height` window (each clamped to the image; the offset rounds down).
    public func centerCropped(width: Int, height: Int) -> RGBImage {
        let cropWidth = max(0, min(width, self.width)), cropHeight = max(0, min(height, self.height))
        if cropWidth == self.width, cropHeight == self.height { return self }
        let left = (self.width - cropWidth) / 2, top = (self.height - cropHeight) / 2
        var result = [UInt8]()
        result.reserveCapacity(cropWidth * cropHeight * 3)
        for row in top..<top + cropHeight {
            let start = (row * self.width + left) * 3
            result.append(contentsOf: pixels[start..<start + cropWidth * 3])
        }
        return RGBImage(width: cropWidth, height: cropHeight, pixels: result)
    }
}
