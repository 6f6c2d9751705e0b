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
    static func decodeExtendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return PercentDecoding.decode(pieces[2], plusAsSpace: false)
    }
}
