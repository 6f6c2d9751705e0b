import MLPDomain

/// SHA-256 in lower-case hex through OpenSSL (``SHA256Digest``): image ETags, model file checks.
public struct OpenSSLContentDigester: ContentDigester {
    public init() {}

    public func sha256Hex(_ bytes: [UInt8]) -> String {
        Self.hex(SHA256Digest.hash(bytes))
    }

    /// The same digest as a plain closure, the form `ModelRegistry` takes for checking model files.
    public static let verifySHA256: @Sendable ([UInt8]) -> String = { OpenSSLContentDigester().sha256Hex($0) }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
