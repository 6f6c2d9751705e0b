/// One request as libfcgi delivers it: the CGI-style parameters and the body bytes.
public struct FastCGIRequest: Sendable {
    /// Parameters sent by the web server (`REQUEST_METHOD`, `REQUEST_URI`, `HTTP_*` headers ...).
    public var params: [String: String]
    /// The request body, read up to the configured cap.
    public var body: [UInt8]
    /// True when `CONTENT_LENGTH` exceeded the cap; the body was not read.
    public var bodyTooLarge: Bool
    /// True when the client sent fewer bytes than `CONTENT_LENGTH` announced.
    public var bodyIncomplete: Bool

    public init(params: [String: String], body: [UInt8] = [], bodyTooLarge: Bool = false, bodyIncomplete: Bool = false) {
        self.params = params
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.bodyIncomplete = bodyIncomplete
    }

    /// The announced body length, if the web server sent a valid one.
    public var contentLength: Int? {
        guard let text = params["CONTENT_LENGTH"], !text.isEmpty else { return nil }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}
