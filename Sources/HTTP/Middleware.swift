/// Wraps request handling: runs before and after the next handler, or answers on its own.
public protocol Middleware: Sendable {
    func respond(to request: Request, next: Handler) throws -> Response
}

extension Array where Element == any Middleware {
    /// Composes the middleware around `handler`, the first element outermost.
    public func wrapping(_ handler: @escaping Handler) -> Handler {
        reversed().reduce(handler) { next, middleware in
            { request in try middleware.respond(to: request, next: next) }
        }
    }
}
