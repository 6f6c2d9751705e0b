/// Why a `multipart/form-data` body was refused.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error code; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missingBoundary, malformed, truncated, partTooLarge, tooManyParts, headersTooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `Content-Type` has no usable `boundary` parameter.
        public static let missingBoundary = Code(.missingBoundary)
        /// The body does not follow the multipart syntax.
        public static let malformed = Code(.malformed)
        /// The body ends before the closing delimiter.
        public static let truncated = Code(.truncated)
        /// One part's body is over `MultipartLimits.maxPartBytes`.
        public static let partTooLarge = Code(.partTooLarge)
        /// The body has more than `MultipartLimits.maxParts` parts.
        public static let tooManyParts = Code(.tooManyParts)
        /// One part's header block is over `MultipartLimits.maxHeaderBytes`.
        public static let headersTooLarge = Code(.headersTooLarge)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence a client can act on; it never quotes body bytes.
    public let detail: String
    /// Byte offset in the body where the problem was found, when it is about one place.
    public let offset: Int?

    public init(_ code: Code, _ detail: String, offset: Int? = nil) {
        self.code = code
        self.detail = detail
        self.offset = offset
    }

    public var description: String {
        "MultipartError.\(code): \(detail)" + (offset.map { " (at byte \($0))" } ?? "")
    }
}
