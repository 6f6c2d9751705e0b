/// Why base64 text was refused.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error code; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidCharacter, invalidPadding, invalidLength, invalidDataURL
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A character outside the standard alphabet, `=` and ASCII whitespace.
        public static let invalidCharacter = Code(.invalidCharacter)
        /// `=` where it cannot be, too many or too few of them, or data after them.
        public static let invalidPadding = Code(.invalidPadding)
        /// One character left over after the last group of four: no byte count encodes to that.
        public static let invalidLength = Code(.invalidLength)
        /// A `data:` prefix that is not `data:<media type>;base64,`.
        public static let invalidDataURL = Code(.invalidDataURL)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// UTF-8 byte offset in the input of the first offending character.
    public let position: Int
    /// A sentence a client can act on.
    public let detail: String

    public init(_ code: Code, position: Int, detail: String) {
        self.code = code
        self.position = position
        self.detail = detail
    }

    public var description: String { "Base64Error.\(code): \(detail)" }

    static func invalidCharacter(_ byte: UInt8, at position: Int) -> Base64Error {
        let shown = (0x21...0x7E).contains(byte) ? " '\(Character(Unicode.Scalar(byte)))'" : ""
        let hex = String(byte, radix: 16, uppercase: true)
        return Base64Error(
            .invalidCharacter, position: position,
            detail: "The byte 0x\(hex.count == 1 ? "0" : "")\(hex)\(shown) at position \(position) is not base64."
        )
    }
}
