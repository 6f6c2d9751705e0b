/// Request identifiers: the client's `X-Request-Id` when it is short and plain, else a fresh random one.
enum RequestID {
    static func make(from header: String?) -> String {
        if let header, (1...64).contains(header.utf8.count),
           header.utf8.allSatisfy({ byte in
               (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                   || byte == 45 || byte == 95 || byte == 46
           }) {
            return header
        }
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
