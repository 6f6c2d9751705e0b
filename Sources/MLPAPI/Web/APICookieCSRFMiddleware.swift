import HTTP

/// CSRF protection for the JSON API when a browser's session cookie is what would authenticate it.
///
/// A state-changing `/api/` request without an `Authorization` header but with a session cookie must send the
/// page's synchronizer token in `X-CSRF-Token` (bound to that cookie) and must not come from another site;
/// otherwise 403 `csrf` and nothing runs. Requests with a bearer token are not affected.
struct APICookieCSRFMiddleware: Middleware {
    let pages: WebPages

    func respond(to request: Request, next: Handler) throws -> Response {
        guard !request.method.isSafe, request.pathSegments.first == "api", !request.headers.contains("Authorization"),
              let cookie = request.cookies[AuthMiddleware.secureCookieName] ?? request.cookies[AuthMiddleware.cookieName]
        else {
            return try next(request)
        }
        do {
            try CSRFMiddleware.checkOrigin(request)
        } catch {
            throw Self.problem("Requests from other sites cannot use the session cookie.")
        }
        let state = WebRequestState(csrfBinding: "session:" + cookie)
        guard let token = request.headers[CSRFMiddleware.headerName], pages.isValidCSRFToken(token, for: state) else {
            throw Self.problem(
                "A request authenticated by the session cookie must send the page's CSRF token in X-CSRF-Token, "
                    + "or authenticate with Authorization: Bearer instead."
            )
        }
        return try next(request)
    }

    static func problem(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "csrf", title: "Forbidden", status: .forbidden, detail: detail)
    }
}
