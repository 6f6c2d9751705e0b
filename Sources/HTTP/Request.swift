import Foundation

/// An HTTP request as handlers see it.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The path, percent-decoded segment by segment, without the query.
    public var path: String
    /// Decoded path segments (`/api/v1/images/7` → `["api", "v1", "images", "7"]`).
    public var pathSegments: [String]
    /// Query-string parameters.
    public var query: URLEncodedForm
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The client's address as the web server saw it.
    public var remoteAddress: String
    /// True when the client reached the web server over TLS.
    public var isSecure: Bool
    /// True when the body was over the size cap and was not read.
    public var bodyTooLarge: Bool
    /// The port the web server took the request on (FastCGI `SERVER_PORT`), when it said.
    public var serverPort: Int?
    /// Values captured by the matched route pattern.
    public var parameters: PathParameters
    /// Identifies the request in logs and in the `X-Request-Id` response header.
    public var requestID: String
    /// Values attached by middleware (for example the authenticated user).
    public var storage: RequestStorage

    public init(
        method: HTTPMethod,
        path: String,
        query: URLEncodedForm = URLEncodedForm(),
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = "",
        isSecure: Bool = false,
        bodyTooLarge: Bool = false
    ) {
        self.method = method
        self.path = path
        self.pathSegments = path.splitUTF8(on: UInt8(ascii: "/")).map(String.init)
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
        self.bodyTooLarge = bodyTooLarge
        self.serverPort = nil
        self.parameters = PathParameters()
        self.requestID = ""
        self.storage = RequestStorage()
    }

    /// The media type of the body without parameters, lower-cased (`application/json`).
    public var mediaType: String? {
        guard let value = headers["Content-Type"] else { return nil }
        let type = value.splitUTF8(on: UInt8(ascii: ";"), maxSplits: 1).first.map(String.init) ?? value
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Typed key for a value stored on a request by middleware.
public protocol RequestStorageKey {
    associatedtype Value: Sendable
}

/// A small typed store for values middleware attaches to a request.
public struct RequestStorage: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: RequestStorageKey>(_ key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
