/// A header value followed by `; name=value` parameters, as in `form-data; name="file"; filename="a.jpg"`
/// or `multipart/form-data; boundary=x` (RFC 9110 §5.6.6).
struct HeaderParameters {
    /// The value before the first `;`, trimmed and lower-cased (`form-data`).
    let value: String
    /// Parameters in order; names lower-cased, quoted values unescaped.
    let parameters: [(name: String, value: String)]

    /// Parses a header value; nil when a quoted string is not closed.
    ///
    /// Inside quotes only `\"` and `\\` are escapes: browsers send Windows paths with bare backslashes
    /// (`C:\dir\a.jpg`), which a full quoted-pair reading would mangle.
    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
        value = Self.string(Self.trimmed(bytes[0..<index])).lowercased()
        var parameters: [(name: String, value: String)] = []
        while index < bytes.count {
            index += 1  // past ";"
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") { index += 1 }
            let name = Self.string(Self.trimmed(bytes[nameStart..<index])).lowercased()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }  // no value: ignored
            index += 1
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        closed = true
                        index += 1
                        break
                    }
                    if byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
                       bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\") {
                        index += 1
                    }
                    value.append(bytes[index])
                    index += 1
                }
                guard closed else { return nil }
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }  // ignore junk after quote
            } else {
                let valueStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                value = Array(Self.trimmed(bytes[valueStart..<index]))
            }
            if !name.isEmpty { parameters.append((name, Self.string(value[...]))) }
        }
        self.parameters = parameters
    }

    /// The first value of a parameter (name compared case-insensitively).
    subscript(name: String) -> String? {
        let key = name.lowercased()
        return parameters.first { $0.name == key }?.value
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return slice
    }

    /// Cuts happen only at ASCII bytes, so valid UTF-8 input stays valid.
    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
