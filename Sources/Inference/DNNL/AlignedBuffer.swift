/// A 64-byte aligned, zero-filled byte buffer owned by Swift.
final class AlignedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = max(byteCount, 64)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: self.byteCount, alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: self.byteCount)
    }

    /// A buffer holding `values`.
    convenience init(floats values: [Float]) {
        self.init(byteCount: values.count * MemoryLayout<Float>.stride)
        values.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    var floats: UnsafeMutablePointer<Float> { pointer.assumingMemoryBound(to: Float.self) }

    deinit { pointer.deallocate() }
}
