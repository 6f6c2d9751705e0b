/// One part of a `multipart/form-data` body: a form field or an uploaded file.
public struct MultipartPart: Sendable {
    /// The form field name from `Content-Disposition`.
    public var name: String
    /// The file name as the client sent it (`filename*` wins over `filename`); never use it as a path.
    /// Browsers send an empty name for a file input with nothing chosen.
    public var filename: String?
    /// The part's `Content-Type` as the client sent it; a claim, not a fact.
    public var contentType: String?
    /// Every header of the part, in order.
    public var headers: HTTPHeaders
    /// The part's bytes, exactly as sent.
    public var body: [UInt8]

    public init(name: String, filename: String? = nil, contentType: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text, or nil when it is not valid UTF-8.
    public var text: String? { String(validating: body, as: UTF8.self) }
}
