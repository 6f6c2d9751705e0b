/// The boundary of a multipart body, taken from the `Content-Type` parameter and checked against RFC 2046 §5.1.1.
struct MultipartBoundary: Equatable {
    /// The boundary bytes, without the leading `--`.
    let bytes: [UInt8]

    static let maxLength = 70

    init(contentType: String) throws(MultipartError) {
        guard let parameters = HeaderParameters(parsing: contentType) else {
            throw MultipartError(.missingBoundary, "The Content-Type header has an unterminated quoted string.")
        }
        guard let boundary = parameters["boundary"] else {
            throw MultipartError(.missingBoundary, "The Content-Type header has no boundary parameter.")
        }
        let bytes = Array(boundary.utf8)
        guard (1...Self.maxLength).contains(bytes.count) else {
            throw MultipartError(.missingBoundary, "The multipart boundary must be 1 to \(Self.maxLength) characters long.")
        }
        guard bytes.allSatisfy(Self.isBoundaryCharacter), bytes.last != UInt8(ascii: " ") else {
            throw MultipartError(.missingBoundary, "The multipart boundary has characters RFC 2046 does not allow.")
        }
        self.bytes = bytes
    }

    /// `bchars` of RFC 2046: letters, digits, space and `'()+_,-./:=?`. CR and LF are never among them,
    /// which keeps the delimiter search linear.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            punctuation.contains(byte)
        }
    }

    private static let punctuation: [UInt8] = Array("'()+_,-./:=? ".utf8)
}
