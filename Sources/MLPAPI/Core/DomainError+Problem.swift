import HTTP
import MLPDomain

extension DomainError {
    /// The problem+json form of a domain error: the one place domain codes meet HTTP statuses.
    public var problem: ProblemDetails {
        let errors = fieldErrors.isEmpty ? nil : fieldErrors.map { ProblemDetails.FieldError(field: $0.field, message: $0.message) }
        var headers: [String: String] = [:]
        if let retryAfterSeconds { headers["Retry-After"] = String(retryAfterSeconds) }
        let (status, title): (HTTPStatus, String) = switch code {
        case .validation: (.unprocessableContent, "Validation Failed")
        case .notFound: (.notFound, "Not Found")
        case .conflict: (.conflict, "Conflict")
        case .unauthorized: (.unauthorized, "Unauthorized")
        case .rateLimited: (.tooManyRequests, "Too Many Requests")
        case .unavailable: (.serviceUnavailable, "Service Unavailable")
        case .unsupportedMediaType: (.unsupportedMediaType, "Unsupported Media Type")
        case .tooLarge: (.contentTooLarge, "Content Too Large")
        case .signUpClosed: (.forbidden, "Sign-up Closed")
        case .forbidden: (.forbidden, "Forbidden")
        case .quotaExceeded: (.contentTooLarge, "Storage Quota Exceeded")
        default: (.badRequest, "Bad Request")
        }
        if code == .unauthorized { headers["WWW-Authenticate"] = "Bearer" }
        if code == .unavailable, headers["Retry-After"] == nil { headers["Retry-After"] = "1" }
        return ProblemDetails(type: code.rawValue, title: title, status: status, detail: message, errors: errors, headers: headers)
    }
}

/// Maps the errors the application knows to problems; anything else becomes an opaque 500.
public enum APIErrorMapper {
    public static let map: ErrorMapper = { error in
        (error as? DomainError)?.problem
    }
}
