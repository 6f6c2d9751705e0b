import HTTP

/// Adds the browser security headers to every page: a CSP that allows no script and no inline style, no
/// framing, same-origin referrers, no MIME sniffing.
struct SecurityHeadersMiddleware: Middleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'none'", "object-src 'none'",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    static let headers: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    func respond(to request: Request, next: Handler) throws -> Response {
        var response = try next(request)
        for (name, value) in Self.headers { response.headers.set(name, value) }
        return response
    }
}
