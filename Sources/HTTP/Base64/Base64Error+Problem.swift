extension Base64Error {
    /// A 422 validation problem naming the JSON field that held the base64 text (`image_base64`).
    public func problem(field: String) -> ProblemDetails {
        HTTPError.validation([ProblemDetails.FieldError(field: field, message: detail)])
    }
}
