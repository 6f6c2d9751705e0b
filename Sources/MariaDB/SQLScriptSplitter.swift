/// Splits SQL text into statements at top-level semicolons, skipping quoted text and comments.
enum SQLScriptSplitter {
    /// The non-empty statements of `script`, trimmed, without their terminating semicolons.
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current: [UInt8] = []
        let bytes = Array(script.utf8)
        var index = 0

        func finish() {
            let text = String(decoding: current, as: UTF8.self)
            let trimmed = text.trimmingSQLWhitespace()
            if !trimmed.isEmpty { statements.append(trimmed) }
            current.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                // Copy through the closing quote; a backslash escapes the next byte except in identifiers.
                current.append(byte)
                index += 1
                while index < bytes.count {
                    let inner = bytes[index]
                    current.append(inner)
                    index += 1
                    if inner == UInt8(ascii: "\\"), byte != UInt8(ascii: "`"), index < bytes.count {
                        current.append(bytes[index])
                        index += 1
                    } else if inner == byte {
                        if index < bytes.count, bytes[index] == byte {
                            current.append(byte)
                            index += 1
                        } else {
                            break
                        }
                    }
                }
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"), UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
                current.append(UInt8(ascii: " "))
            case UInt8(ascii: ";"):
                finish()
                index += 1
            default:
                current.append(byte)
                index += 1
            }
        }
        finish()
        return statements
    }

}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingSQLWhitespace() -> String {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r"]
        var slice = Substring(self)
        while let first = slice.first, whitespace.contains(first) { slice.removeFirst() }
        while let last = slice.last, whitespace.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
