import HTTP
import Logging

/// Registers page routes behind the page middleware, and makes the router's own answers on page paths
/// readable in a browser: a method a page path does not handle is an HTML 405 with `Allow`.
///
/// Unknown paths keep the router's `problem+json` 404 (and stay "unmatched" in the metrics); a missing
/// picture or other not-found on a page route is an HTML 404 page.
struct PageRouter {
    /// Methods a page path answers 405 to when it does not handle them.
    static let methods: [HTTPMethod] = [.get, .post, .put, .patch, .delete, .options]

    private(set) var router: Router
    private let chain: [any Middleware]
    /// The chain without the CSRF check, for the error answers that change nothing.
    private let displayChain: [any Middleware]
    private var handled: [(path: String, methods: [HTTPMethod])] = []

    /// Security headers outermost; the error page twice, so that a failure before the session is known and one
    /// after it both become pages (the inner one keeps the session's cookies and the logged-in layout).
    init(router: Router, pages: WebPages, users: UserServices, logger: Logger) {
        self.router = router
        let errors = ErrorPageMiddleware(pages: pages, logger: logger)
        var chain: [any Middleware] = [
            SecurityHeadersMiddleware(), errors, WebSessionMiddleware(pages: pages, authenticate: users.authenticate),
            errors,
        ]
        displayChain = chain
        chain.append(CSRFMiddleware(pages: pages))
        self.chain = chain
    }

    mutating func get(_ path: String, _ handler: @escaping Handler) { add(.get, path, handler) }
    mutating func post(_ path: String, _ handler: @escaping Handler) { add(.post, path, handler) }

    mutating func add(_ method: HTTPMethod, _ path: String, _ handler: @escaping Handler) {
        router.add(method, path, chain.wrapping(handler))
        if let index = handled.firstIndex(where: { $0.path == path }) {
            handled[index].methods.append(method)
        } else {
            handled.append((path, [method]))
        }
    }

    /// Adds the 405 pages; call once after the last page route.
    mutating func finish() -> Router {
        for (path, methods) in handled {
            let allowed = (methods.contains(.get) ? methods + [.head] : methods).sorted()
            let notAllowed = displayChain.wrapping { _ in throw PageError.methodNotAllowed(allowed) }
            for method in Self.methods where !methods.contains(method) {
                router.add(method, path, notAllowed)
            }
        }
        return router
    }
}
