/// Problems the HTTP layer itself reports: routing, bodies, content types.
public enum HTTPError {
    public static func notFound(_ detail: String = "No resource exists at this address.") -> ProblemDetails {
        ProblemDetails(type: "not-found", title: "Not Found", status: .notFound, detail: detail)
    }

    public static func methodNotAllowed(allowed: [HTTPMethod]) -> ProblemDetails {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return ProblemDetails(
            type: "method-not-allowed", title: "Method Not Allowed", status: .methodNotAllowed,
            detail: "This resource supports: \(allow).", headers: ["Allow": allow]
        )
    }

    public static func badRequest(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "bad-request", title: "Bad Request", status: .badRequest, detail: detail)
    }

    public static func malformedJSON(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "malformed-json", title: "Malformed JSON", status: .badRequest, detail: detail)
    }

    public static func contentTooLarge(limitBytes: Int) -> ProblemDetails {
        ProblemDetails(
            type: "content-too-large", title: "Content Too Large", status: .contentTooLarge,
            detail: "The request body is larger than the limit of \(limitBytes) bytes."
        )
    }

    public static func unsupportedMediaType(expected: String) -> ProblemDetails {
        ProblemDetails(
            type: "unsupported-media-type", title: "Unsupported Media Type", status: .unsupportedMediaType,
            detail: "Send the body as \(expected)."
        )
    }

    public static func validation(_ errors: [ProblemDetails.FieldError], detail: String = "The request has invalid fields.") -> ProblemDetails {
        ProblemDetails(
            type: "validation", title: "Validation Failed", status: .unprocessableContent, detail: detail, errors: errors
        )
    }

    public static func internalError() -> ProblemDetails {
        ProblemDetails(
            type: "internal", title: "Internal Server Error", status: .internalServerError,
            detail: "The server could not complete the request. Quote the request id when reporting it."
        )
    }
}
