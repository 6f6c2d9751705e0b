/// The `Content-Disposition: form-data; name="…"; filename="…"` header of one part (RFC 7578 §4.2).
struct ContentDisposition {
    let name: String
    let filename: String?

    /// Nil unless the header is `form-data` with a `name` parameter, which RFC 7578 requires of every part.
    init?(parsing text: String) {
        guard let header = HeaderParameters(parsing: text), header.value == "form-data", let name = header["name"] else {
            return nil
        }
        self.name = name
        self.filename = header["filename*"].flatMap(Self.decodeExtendedValue) ?? header["filename"]
    }

    /// Decodes an RFC 8187 `UTF-8''na%C3%AFve.jpg` value; nil for another charset or a broken escape.
    /// Split on bytes: a `'` followed by a combining mark is one `Character`.
    static func decodeExtendedValue(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let charsetEnd = utf8.firstIndex(of: UInt8(ascii: "'")),
              let languageEnd = utf8[utf8.index(after: charsetEnd)...].firstIndex(of: UInt8(ascii: "'")),
              Substring(utf8[..<charsetEnd]).lowercased() == "utf-8"
        else { return nil }
        return PercentDecoding.decode(Substring(utf8[utf8.index(after: languageEnd)...]), plusAsSpace: false)
    }
}
