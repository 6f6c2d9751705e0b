import HTTP
import MLPDomain

/// Resolves the session cookie of a page request (an invalid one is expired, the page then shows logged
/// out), makes sure there is a CSRF binding (issuing the pre-session cookie when needed) and reads the flash.
struct WebSessionMiddleware: Middleware {
    /// Cookie values longer than this are ignored without a lookup.
    static let maxCookieLength = 512

    let pages: WebPages
    let authenticate: AuthenticateUseCase

    func respond(to request: Request, next: Handler) throws -> Response {
        var request = request
        var state = WebRequestState()
        var cookies: [SetCookie] = []
        if let token = WebCookies.value(WebCookies.session, in: request) {
            if token.utf8.count <= Self.maxCookieLength, let session = try validSession(token) {
                state.session = session
                state.csrfBinding = "session:" + token
            } else {
                cookies.append(WebCookies.expired(WebCookies.session, request: request))
            }
        }
        if state.session == nil {
            var value = WebCookies.value(WebCookies.preSession, in: request)
            if let current = value, current.isEmpty || current.utf8.count > 128 { value = nil }
            if value == nil {
                let fresh = try pages.tokens.generate()
                cookies.append(WebCookies.make(WebCookies.preSession, value: fresh, maxAge: WebCookies.preSessionMaxAge, request: request))
                value = fresh
            }
            state.csrfBinding = "pre-session:" + (value ?? "")
        }
        let flashCookie = WebCookies.value(WebCookies.flash, in: request)
        state.flash = flashCookie.flatMap { Flash(cookieValue: $0, signer: pages.signer) }
        request.storage[WebRequestStateKey.self] = state

        var response = try next(request)
        for cookie in cookies { response.setCookie(cookie) }
        // The flash is spent once a page (not a redirect) was shown; a redirect passes it on.
        let flashName = WebCookies.name(WebCookies.flash, secure: request.isSecure)
        let setsFlash = response.headers.values("Set-Cookie").contains { $0.hasPrefix(flashName + "=") }
        if flashCookie != nil, !setsFlash, !(300..<400).contains(response.status.code) {
            response.setCookie(WebCookies.expired(WebCookies.flash, request: request))
        }
        return response
    }

    /// The session, nil when the token opens none; other failures (database down) are thrown. An API key is not a
    /// login: the pages never take one (a read-only key put into the cookie must not post forms).
    private func validSession(_ token: String) throws -> AuthenticatedSession? {
        do {
            let session = try authenticate.execute(token: token)
            return session.key == nil ? session : nil
        } catch let error as DomainError where error.code == .unauthorized {
            return nil
        }
    }
}
