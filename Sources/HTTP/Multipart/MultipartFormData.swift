/// A parsed `multipart/form-data` body (RFC 7578): its parts in order.
public struct MultipartFormData: Sendable {
    public var parts: [MultipartPart]

    public init(parts: [MultipartPart] = []) {
        self.parts = parts
    }

    /// Parses `body` with the boundary from the request's full `Content-Type` value.
    /// The media type itself is not checked: route on `Request.mediaType` first.
    public init(parsing body: [UInt8], contentType: String, limits: MultipartLimits = MultipartLimits()) throws(MultipartError) {
        let boundary = try MultipartBoundary(contentType: contentType)
        self.parts = try MultipartParser(boundary: boundary, limits: limits).parse(body)
    }

    /// The first part with that field name.
    public func part(named name: String) -> MultipartPart? {
        parts.first { $0.name == name }
    }

    /// Every part with that field name, in order.
    public func parts(named name: String) -> [MultipartPart] {
        parts.filter { $0.name == name }
    }

    /// The first part with that name as UTF-8 text; nil when absent or not valid UTF-8.
    public func text(named name: String) -> String? {
        part(named: name)?.text
    }
}
