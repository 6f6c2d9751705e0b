extension MultipartError {
    /// The problem+json answer for this error.
    ///
    /// Syntax errors and an over-long part header block are 400; a part over its cap is 413 like an over-long body.
    /// Too many parts is 400 rather than 422: parsing stops at the first extra part, so the server has not seen
    /// a well-formed body, which 422 would claim; the client must send a different body, not different values.
    public var problem: ProblemDetails {
        switch code {
        case .partTooLarge:
            ProblemDetails(type: "content-too-large", title: "Content Too Large", status: .contentTooLarge, detail: detail)
        case .tooManyParts:
            ProblemDetails(type: "too-many-parts", title: "Too Many Parts", status: .badRequest, detail: detail)
        case .headersTooLarge:
            ProblemDetails(
                type: "multipart-headers-too-large", title: "Part Headers Too Large", status: .badRequest, detail: detail
            )
        case .missingBoundary:
            ProblemDetails(type: "missing-boundary", title: "Missing Multipart Boundary", status: .badRequest, detail: detail)
        case .truncated:
            ProblemDetails(type: "truncated-multipart", title: "Truncated Multipart Body", status: .badRequest, detail: detail)
        default:
            ProblemDetails(type: "malformed-multipart", title: "Malformed Multipart Body", status: .badRequest, detail: detail)
        }
    }
}
