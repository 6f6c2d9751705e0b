/// Table-driven base64 decoding (RFC 4648 standard alphabet) that tolerates what clients really send:
/// missing padding, line breaks and other ASCII whitespace anywhere, and a `data:<media type>;base64,` prefix.
public enum Base64Decoding {
    /// Decodes base64 text; throws on the first character that cannot belong there.
    public static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(Base64Error) in try decode(bytes) } }.get()
    }

    /// Decodes base64 text given as bytes; positions in errors are offsets into `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(Base64Error) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { bytes in Result { () throws(Base64Error) in try decode(bytes) } }.get()
    }

    /// The most bytes text of this many UTF-8 bytes can decode to: check it before decoding an oversize payload.
    public static func decodedLengthUpperBound(encodedLength: Int) -> Int {
        let rest = max(0, encodedLength) % 4
        return max(0, encodedLength) / 4 * 3 + (rest == 0 ? 0 : rest - 1)
    }

    /// The most bytes `text` can decode to.
    public static func decodedLengthUpperBound(of text: String) -> Int {
        decodedLengthUpperBound(encodedLength: text.utf8.count)
    }

    /// The media type a `data:` prefix declares (`image/png`), lower-cased; nil without one.
    /// The client's claim only: sniff the decoded bytes before trusting it.
    public static func declaredMediaType(of text: String) -> String? {
        var text = text
        return text.withUTF8 { DataURLPrefix.declaredMediaType(in: $0) }
    }

    static func decode(_ input: UnsafeBufferPointer<UInt8>) throws(Base64Error) -> [UInt8] {
        let start = try DataURLPrefix.dataStart(in: input)
        var failure: Base64Error?
        let output = [UInt8](unsafeUninitializedCapacity: decodedLengthUpperBound(encodedLength: input.count - start)) {
            output, count in
            count = 0
            table.withUnsafeBufferPointer { table in
                do throws(Base64Error) {
                    count = try decode(input, from: start, into: output, table: table)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Decodes `input[start...]` into `output`; returns the byte count written.
    private static func decode(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into output: UnsafeMutableBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>
    ) throws(Base64Error) -> Int {
        var index = start, written = 0
        var bits: UInt32 = 0, pending = 0, lastData = start
        while index < input.count {
            if pending == 0 {
                // Fast path: whole groups of four alphabet characters, which is nearly all of real input.
                while index + 4 <= input.count {
                    let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                    let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
                    guard (a | b | c | d) & 0xC0 == 0 else { break }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output[written] = UInt8(truncatingIfNeeded: group >> 16)
                    output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                    output[written + 2] = UInt8(truncatingIfNeeded: group)
                    written += 3
                    index += 4
                }
                guard index < input.count else { break }
            }
            let value = table[Int(input[index])]
            if value < 64 {
                bits = bits << 6 | UInt32(value)
                pending += 1
                lastData = index
                if pending == 4 {
                    written += emit(bits, count: 4, into: output, at: written)
                    bits = 0
                    pending = 0
                }
            } else if value == padding {
                try checkPadding(input, at: index, pending: pending, lastData: lastData, table: table)
                break
            } else if value != whitespace {
                throw Base64Error.invalidCharacter(input[index], at: index)
            }
            index += 1
        }
        if pending == 1 {
            throw Base64Error(
                .invalidLength, position: lastData,
                detail: "The base64 text ends with a single character at position \(lastData); its length is impossible."
            )
        }
        return written + emit(bits, count: pending, into: output, at: written)
    }

    /// Checks that `=` at `index` completes the last group and that only whitespace follows.
    private static func checkPadding(
        _ input: UnsafeBufferPointer<UInt8>, at index: Int, pending: Int, lastData: Int, table: UnsafeBufferPointer<UInt8>
    ) throws(Base64Error) {
        guard pending >= 2 else {
            if pending == 1 {
                throw Base64Error(
                    .invalidLength, position: lastData,
                    detail: "A group of one character at position \(lastData) cannot be padded into bytes."
                )
            }
            throw Base64Error(.invalidPadding, position: index, detail: "The '=' at position \(index) is not at the end of the data.")
        }
        let needed = 4 - pending
        var seen = 0
        for position in index..<input.count {
            let value = table[Int(input[position])]
            if value == padding {
                guard seen < needed else {
                    throw Base64Error(.invalidPadding, position: position, detail: "Too many '=' at position \(position).")
                }
                seen += 1
            } else if value < 64 {
                throw Base64Error(
                    .invalidPadding, position: position, detail: "Data at position \(position) follows the '=' padding."
                )
            } else if value != whitespace {
                throw Base64Error.invalidCharacter(input[position], at: position)
            }
        }
        guard seen == needed else {
            throw Base64Error(
                .invalidPadding, position: index, detail: "The padding at position \(index) needs \(needed) '=', not \(seen)."
            )
        }
    }

    /// Writes the bytes of the `count` characters (2 to 4) accumulated in `bits`; returns how many.
    private static func emit(_ bits: UInt32, count: Int, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        switch count {
        case 4:
            output[offset] = UInt8(truncatingIfNeeded: bits >> 16)
            output[offset + 1] = UInt8(truncatingIfNeeded: bits >> 8)
            output[offset + 2] = UInt8(truncatingIfNeeded: bits)
            return 3
        case 3:
            output[offset] = UInt8(truncatingIfNeeded: bits >> 10)
            output[offset + 1] = UInt8(truncatingIfNeeded: bits >> 2)
            return 2
        case 2:
            output[offset] = UInt8(truncatingIfNeeded: bits >> 4)
            return 1
        default:
            return 0
        }
    }

    static let whitespace: UInt8 = 0x40
    static let padding: UInt8 = 0x41
    static let invalid: UInt8 = 0xFF

    /// Byte → 6-bit value, or one of the markers above.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        for byte in [0x09, 0x0A, 0x0C, 0x0D, 0x20] { table[byte] = whitespace }  // ASCII whitespace (WHATWG)
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }()
}
