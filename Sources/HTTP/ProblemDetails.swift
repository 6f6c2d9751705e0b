/// An RFC 9457 problem: the body of every error response of the API.
public struct ProblemDetails: Error, Sendable, Encodable, Equatable {
    /// One problem with one input field.
    public struct FieldError: Sendable, Encodable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// A stable identifier of the kind of problem, a URI reference (`/problems/validation`).
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    /// Per-field validation errors.
    public var errors: [FieldError]?
    /// Response headers that belong with the problem (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: [String: String]

    public init(
        type: String, title: String, status: HTTPStatus, detail: String? = nil,
        errors: [FieldError]? = nil, headers: [String: String] = [:]
    ) {
        self.type = type.hasPrefix("/") || type.contains(":") ? type : "/problems/\(type)"
        self.title = title
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
    }

    /// The response that carries this problem as `application/problem+json`.
    public func response() -> Response {
        let body = (try? JSONCoding.encode(self)) ?? Array(#"{"title":"Internal Server Error","status":500}"#.utf8)
        var response = Response(status: HTTPStatus(code: status), contentType: "application/problem+json", body: body)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            response.headers.set(name, value)
        }
        return response
    }
}
