/// Standard padded base64 (RFC 4648 §4), as returned in `image_base64`.
public enum Base64Encoding {
    /// Encodes bytes as one line of padded base64.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the padded base64 of `bytes` to `output`: the way to splice a large encoding into a body that
    /// is being built, without an intermediate String.
    public static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        let length = (bytes.count + 2) / 3 * 4
        guard length > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: length))
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                pairs.withUnsafeBufferPointer { pairs in
                    encode(input, into: UnsafeMutableRawPointer(buffer.baseAddress! + start), pairs: pairs)
                }
            }
        }
    }

    /// The hot loop: 3 input bytes → two 12-bit halves → two table lookups of two characters each.
    private static func encode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableRawPointer, pairs: UnsafeBufferPointer<UInt16>) {
        guard let source = input.baseAddress else { return }
        let count = input.count
        let table = pairs.baseAddress!
        var read = 0, written = 0
        while read + 3 <= count {
            let group = Int(source[read]) << 16 | Int(source[read + 1]) << 8 | Int(source[read + 2])
            output.storeBytes(of: table[group >> 12], toByteOffset: written, as: UInt16.self)
            output.storeBytes(of: table[group & 0xFFF], toByteOffset: written + 2, as: UInt16.self)
            read += 3
            written += 4
        }
        let rest = count - read
        guard rest > 0 else { return }
        let group = Int(source[read]) << 16 | (rest == 2 ? Int(source[read + 1]) << 8 : 0)
        let characters = output.assumingMemoryBound(to: UInt8.self)
        characters[written] = alphabet[group >> 18]
        characters[written + 1] = alphabet[group >> 12 & 63]
        characters[written + 2] = rest == 2 ? alphabet[group >> 6 & 63] : UInt8(ascii: "=")
        characters[written + 3] = UInt8(ascii: "=")
    }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Every 12-bit value as its two characters, in memory order (first character at the lower address).
    private static let pairs: [UInt16] = (0..<4096).map { value in
        let first = UInt16(alphabet[value >> 6]), second = UInt16(alphabet[value & 63])
        return UInt16(littleEndian: first | second << 8)
    }
}
