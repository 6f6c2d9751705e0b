import COpenSSL

/// HMAC-SHA256 through OpenSSL (RFC 2104): keyed digests for tokens the server signs, such as CSRF tokens.
public enum HMACSHA256 {
    /// The 32-byte MAC of `message` under `key`.
    public static func authenticate(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                mac.withUnsafeMutableBufferPointer { output in
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                        output.baseAddress, &length
                    )
                }
            }
        }
        // HMAC with a built-in digest fails only when memory is exhausted.
        precondition(result != nil && length == 32, "HMAC(SHA-256) failed")
        return Array(mac.prefix(32))
    }
}
