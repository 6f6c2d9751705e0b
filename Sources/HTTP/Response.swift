import Foundation

/// An HTTP response as handlers build it.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    /// The body as parts sent one after another. Most responses have one; a large part shared with a cache (a
    /// picture's base64 text) is sent from where it is instead of being copied into one buffer.
    public var bodyParts: [[UInt8]]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.init(status: status, headers: headers, bodyParts: [body])
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), bodyParts: [[UInt8]]) {
        self.status = status
        self.headers = headers
        self.bodyParts = bodyParts
    }

    /// The body in one array (its parts joined); setting it replaces all parts.
    public var body: [UInt8] {
        get { bodyParts.count == 1 ? bodyParts[0] : Array(bodyParts.joined()) }
        set { bodyParts = [newValue] }
    }

    /// The body's length in bytes.
    public var bodyCount: Int { bodyParts.reduce(0) { $0 + $1.count } }

    /// A JSON response of an encodable value.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        try Response(status: status, contentType: "application/json", body: JSONCoding.encode(value))
    }

    /// A response with a body of the given media type.
    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: ["Content-Type": contentType], body: body)
    }

    /// A response of the given media type whose body is sent in parts.
    public init(status: HTTPStatus = .ok, contentType: String, bodyParts: [[UInt8]]) {
        self.init(status: status, headers: ["Content-Type": contentType], bodyParts: bodyParts)
    }

    /// A UTF-8 text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// An HTML page.
    public static func html(_ html: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
    }

    /// A redirect to another page (303 after a form post).
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> Response {
        Response(status: status, headers: ["Location": location])
    }

    /// An empty 204.
    public static var noContent: Response { Response(status: .noContent) }
}
