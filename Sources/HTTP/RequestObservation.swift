/// What the responder reports about each request once it is answered (for metrics, slow-request logs).
public struct RequestObservation: Sendable {
    /// The route pattern that matched (`/api/v1/images/:id`), or nil when no route matched.
    public var pattern: String?
    public var method: HTTPMethod
    /// The decoded request path.
    public var path: String
    public var status: Int
    /// Time from the responder receiving the request to the response being ready.
    public var seconds: Double
    /// The request's `X-Request-Id`.
    public var requestID: String

    public init(pattern: String?, method: HTTPMethod, path: String, status: Int, seconds: Double, requestID: String) {
        self.pattern = pattern
        self.method = method
        self.path = path
        self.status = status
        self.seconds = seconds
        self.requestID = requestID
    }
}

/// Called after every request the FastCGI entry point answers.
public typealias RequestObserver = @Sendable (RequestObservation) -> Void
