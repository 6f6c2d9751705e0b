import HTTP

/// Refuses state-changing page requests another site could have made: a cross-site `Sec-Fetch-Site`, an
/// `Origin` that is not this site, or a missing or wrong synchronizer token → 403, before any handler runs.
///
/// The token comes from the `csrf_token` form field (URL-encoded or `multipart/form-data` bodies) or the
/// `X-CSRF-Token` header. The parsed body is kept on the request for the handler.
struct CSRFMiddleware: Middleware {
    /// The hidden form field that carries the token.
    static let fieldName = "csrf_token"
    static let headerName = "X-CSRF-Token"

    let pages: WebPages
    /// Parts a page form may have: more than any form here sends, so that choosing too many pictures for the
    /// upload form gets its own message (at most `UploadForm.maxFiles`) rather than a parser error; the body's
    /// size stays capped by nginx and `MLP_MAX_BODY_BYTES`.
    static let multipartLimits = MultipartLimits(maxParts: 64)

    func respond(to request: Request, next: Handler) throws -> Response {
        guard !request.method.isSafe else { return try next(request) }
        try Self.checkOrigin(request)
        var request = request
        var state = request.web
        if request.mediaType == "application/x-www-form-urlencoded" {
            state.form = URLEncodedForm(parsing: request.body)
        } else if request.mediaType == "multipart/form-data" {
            do {
                state.multipart = try MultipartFormData(
                    parsing: request.body, contentType: request.headers["Content-Type"] ?? "", limits: Self.multipartLimits
                )
            } catch {
                throw PageError(problem: error.problem)
            }
        }
        let token = request.headers[Self.headerName] ?? state.form[Self.fieldName] ?? state.multipart?.text(named: Self.fieldName)
        guard let token, pages.isValidCSRFToken(token, for: state) else {
            throw PageError.forbidden(
                "The form could not be accepted because its security token is missing or out of date. "
                    + "Go back, reload the page and try again."
            )
        }
        request.storage[WebRequestStateKey.self] = state
        return try next(request)
    }

    /// Throws 403 when the browser says the request comes from another site.
    static func checkOrigin(_ request: Request) throws {
        if request.headers["Sec-Fetch-Site"]?.lowercased() == "cross-site" {
            throw PageError.forbidden("Forms of other sites cannot be sent here.")
        }
        if let origin = request.headers["Origin"], !isSameOrigin(origin, request) {
            throw PageError.forbidden("Forms of other sites cannot be sent here.")
        }
    }

    /// `Origin` names this site: same scheme and host as the request (host from `X-Forwarded-Host` or `Host`).
    ///
    /// The port is compared only when the host header carries one: Debian's `fastcgi_params` pass nginx's
    /// `$host`, which drops it. Cookies do not separate ports either, and the token check still applies.
    static func isSameOrigin(_ origin: String, _ request: Request) -> Bool {
        guard let host = request.siteHost.host, !host.isEmpty else { return false }
        let scheme = request.isSecure ? "https" : "http"
        let prefix = scheme + "://"
        let lowered = origin.lowercased()
        guard lowered.hasPrefix(prefix) else { return false }
        let (originHost, originPort) = splitHostPort(String(lowered.dropFirst(prefix.count)))
        let (expectedHost, expectedPort) = splitHostPort(host.lowercased())
        guard originHost == expectedHost, !originHost.isEmpty else { return false }
        guard let expectedPort else { return true }
        let defaultPort = request.isSecure ? "443" : "80"
        return (originPort ?? defaultPort) == expectedPort
    }

    /// `host:port` → (`host`, `port`); `[::1]:8080` keeps its brackets; no port → nil.
    static func splitHostPort(_ text: String) -> (String, String?) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[...close])
            let rest = text[text.index(after: close)...]
            return (host, rest.hasPrefix(":") ? String(rest.dropFirst()) : nil)
        }
        guard let colon = text.lastIndex(of: ":") else { return (text, nil) }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

extension Request {
    /// The host (and port, when given) the client asked for: the first `X-Forwarded-Host` (a proxy in front
    /// of nginx), else `Host`; `forwarded` tells which.
    var siteHost: (host: String?, forwarded: Bool) {
        if let first = headers["X-Forwarded-Host"]?.split(separator: ",").first {
            return (first.trimmingCharacters(in: .whitespaces), true)
        }
        return (headers["Host"], false)
    }
}
