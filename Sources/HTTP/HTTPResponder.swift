import FastCGI
import Foundation
import Logging

/// Turns an error a handler threw into a problem, or nil when the error is not known to be safe to show.
public typealias ErrorMapper = @Sendable (any Error) -> ProblemDetails?

/// The error manager and dispatcher: builds the `Request`, routes it, runs the middleware and the handler,
/// turns every thrown error into `application/problem+json`, adds common headers and writes the access log.
public struct HTTPResponder: Sendable {
    public let router: Router
    public let middleware: [any Middleware]
    public let errorMapper: ErrorMapper
    public let logger: Logger
    public let maxBodyBytes: Int
    /// Called after every request with the route pattern (or nil when none matched), status, duration and id.
    public let observer: RequestObserver?

    public init(
        router: Router, middleware: [any Middleware] = [], errorMapper: @escaping ErrorMapper = { _ in nil },
        logger: Logger, maxBodyBytes: Int,
        observer: RequestObserver? = nil
    ) {
        self.router = router
        self.middleware = middleware
        self.errorMapper = errorMapper
        self.logger = logger
        self.maxBodyBytes = maxBodyBytes
        self.observer = observer
    }

    /// Entry point for the FastCGI server.
    public func respond(to incoming: FastCGIRequest) -> FastCGIResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = RequestID.make(from: incoming.params["HTTP_X_REQUEST_ID"])
        var pattern: String?
        var method = HTTPMethod(rawValue: incoming.params["REQUEST_METHOD"] ?? "GET")
        var path = incoming.params["DOCUMENT_URI"] ?? "/"
        var response: Response
        if var request = Request(fastCGI: incoming) {
            request.requestID = requestID
            method = request.method
            path = request.path
            response = respond(to: &request, pattern: &pattern)
        } else {
            response = HTTPError.badRequest("The request path is not valid percent-encoded UTF-8.").response()
        }
        finish(&response, method: method, requestID: requestID)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        logger.info(
            "\(method) \(path) \(response.status.code)",
            metadata: [
                "request_id": "\(requestID)", "status": "\(response.status.code)",
                "ms": "\(Self.milliseconds(seconds))", "route": "\(pattern ?? "-")",
            ]
        )
        observer?(RequestObservation(
            pattern: pattern, method: method, path: path, status: response.status.code, seconds: seconds, requestID: requestID
        ))
        var answer = FastCGIResponse(
            status: response.status.code, reason: response.status.reason,
            headers: response.headers.map { ($0.name, $0.value) }, bodyParts: response.bodyParts
        )
        if let stream = response.stream {
            answer.stream = { [logger] send in
                do {
                    try stream.write { chunk in
                        guard send(chunk) else { throw StreamInterrupted() }
                    }
                    return true
                } catch is StreamInterrupted {
                    logger.info("streamed answer not finished: the client went away", metadata: ["request_id": "\(requestID)"])
                    return false
                } catch {
                    logger.error(
                        "streamed answer cut off: \(String(reflecting: error))", metadata: ["request_id": "\(requestID)"]
                    )
                    return false
                }
            }
        }
        return answer
    }

    /// `seconds` as milliseconds with two decimals ("12.34"), without `String(format:)`, which goes through
    /// Foundation's locale-aware formatting on every request.
    static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((max(0, seconds) * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Routes and runs a request already built (also used by in-memory tests).
    public func respond(to request: inout Request, pattern: inout String?) -> Response {
        do {
            if request.bodyTooLarge { throw HTTPError.contentTooLarge(limitBytes: maxBodyBytes) }
            let match = try router.match(&request)
            pattern = match.pattern
            return try middleware.wrapping(match.handler)(request)
        } catch {
            return problem(for: error, requestID: request.requestID).response()
        }
    }

    /// In-memory entry point for tests: no socket, same behaviour.
    public func respond(to request: Request) -> Response {
        var request = request
        if request.requestID.isEmpty { request.requestID = RequestID.make(from: nil) }
        var pattern: String?
        var response = respond(to: &request, pattern: &pattern)
        finish(&response, method: request.method, requestID: request.requestID)
        return response
    }

    private func problem(for error: any Error, requestID: String) -> ProblemDetails {
        if let problem = error as? ProblemDetails { return problem }
        if let problem = errorMapper(error) { return problem }
        logger.error("unhandled error: \(String(reflecting: error))", metadata: ["request_id": "\(requestID)"])
        return HTTPError.internalError()
    }

    private func finish(_ response: inout Response, method: HTTPMethod, requestID: String) {
        response.headers.set("X-Request-Id", requestID)
        if !response.headers.contains("X-Content-Type-Options") {
            response.headers.set("X-Content-Type-Options", "nosniff")
        }
        if !response.headers.contains("Cache-Control") {
            response.headers.set("Cache-Control", "no-store")
        }
        if response.status.code != 204 && response.status.code != 304 && response.stream == nil {
            response.headers.set("Content-Length", String(response.bodyCount))
        }
        if method == .head {
            response.bodyParts = []
            response.stream = nil
        }
    }
}
