import Foundation

/// An HTTP response as handlers build it.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response of an encodable value.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        try Response(status: status, contentType: "application/json", body: JSONCoding.encode(value))
    }

    /// A response with a body of the given media type.
    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: ["Content-Type": contentType], body: body)
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
