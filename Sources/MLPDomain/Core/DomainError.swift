/// A failure a use case reports to its caller, with a stable code the API maps to HTTP once.
public struct DomainError: Error, Equatable, Sendable {
    /// Stable error codes; new ones can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Input failed validation; `fieldErrors` says where.
        public static let validation = Code("validation")
        /// The thing asked for does not exist (or is not the caller's).
        public static let notFound = Code("not-found")
        /// The request conflicts with existing state (for example a taken username).
        public static let conflict = Code("conflict")
        /// Credentials are missing, wrong or expired.
        public static let unauthorized = Code("unauthorized")
        /// Too many attempts; `retryAfterSeconds` says when to try again.
        public static let rateLimited = Code("rate-limited")
        /// A dependency (database, model, hashing capacity) cannot serve now; retrying later may work.
        public static let unavailable = Code("unavailable")
        /// The content is of a kind the platform does not accept.
        public static let unsupportedMediaType = Code("unsupported-media-type")
        /// The content is larger than allowed.
        public static let tooLarge = Code("too-large")
        /// The owner's storage quota has no room for this picture.
        public static let quotaExceeded = Code("quota-exceeded")
        /// The caller is known but may not do this (a read-only API key asked to change something).
        public static let forbidden = Code("forbidden")
        /// Self-service sign-up is switched off on this server.
        public static let signUpClosed = Code("signup-closed")
    }

    /// One problem with one input field.
    public struct FieldError: Equatable, Sendable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var code: Code
    public var message: String
    public var fieldErrors: [FieldError]
    public var retryAfterSeconds: Int?

    public init(_ code: Code, _ message: String, fieldErrors: [FieldError] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A validation failure of a single field.
    public static func invalid(_ field: String, _ message: String) -> DomainError {
        DomainError(.validation, "The request has invalid fields.", fieldErrors: [FieldError(field: field, message: message)])
    }
}
