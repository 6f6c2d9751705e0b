import COpenSSL

/// Bytes from OpenSSL's CSPRNG.
enum SecureRandom {
    /// `count` random bytes; throws when the generator is not seeded or fails.
    static func bytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(buffer.count))
        }
        guard status == 1 else { throw SecurityError("RAND_bytes failed") }
        return bytes
    }
}
