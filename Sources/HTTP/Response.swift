import Foundation

/// An HTTP response as handlers build it.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    /// The body as parts sent one after another. Most responses have one; a large part shared with a cache (a
    /// picture's base64 text) is sent from where it is instead of being copied into one buffer.
    public var bodyParts: [[UInt8]]
    /// A body written while it is sent, for answers too large to hold in memory (an account's export); sent
    /// after `bodyParts`, without `Content-Length`. Nil for most responses.
    public var stream: StreamedBody?

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

    /// A response whose body `stream` writes while it is sent.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders, stream: StreamedBody) {
        self.init(status: status, headers: headers, bodyParts: [])
        self.stream = stream
    }

    /// An empty 204.
    public static var noContent: Response { Response(status: .noContent) }
}

/// A body produced while it is sent: `write` hands each chunk to the sink in order; the sink throws when the
/// client went away, and anything `write` throws cuts the answer off (the client sees an incomplete download,
/// never a shorter one that looks whole).
public struct StreamedBody: Sendable {
    public typealias Sink = ([UInt8]) throws -> Void
    private let produce: @Sendable (Sink) throws -> Void

    public init(_ produce: @escaping @Sendable (Sink) throws -> Void) {
        self.produce = produce
    }

    /// Runs the producer, handing every chunk to `sink`.
    public func write(to sink: Sink) throws {
        try produce(sink)
    }

    /// The whole body in one array (tests and small bodies).
    public func collected() throws -> [UInt8] {
        var out: [UInt8] = []
        try write { out.append(contentsOf: $0) }
        return out
    }
}

/// The web server stopped taking a streamed body (the client went away).
public struct StreamInterrupted: Error {}
