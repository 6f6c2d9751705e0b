import HTTP

/// The cookies of the browser pages. Over https each name takes the `__Host-` prefix (the browser then
/// insists on `Secure`, `Path=/` and no `Domain`, so a sibling host cannot plant one) and `Secure` is set.
enum WebCookies {
    /// The session token, the same token an API client gets from the login endpoint.
    static let session = AuthMiddleware.cookieName
    /// Random value the login and sign-up forms' CSRF token is bound to before there is a session.
    static let preSession = "mlp_csrf"
    /// A signed one-time message for the next page.
    static let flash = "mlp_flash"
    /// Lifetime of the pre-session cookie (seconds).
    static let preSessionMaxAge = 7200
    /// Lifetime of a flash message (seconds): it is meant for the page right after a redirect.
    static let flashMaxAge = 60

    /// The name a cookie has on this request's scheme.
    static func name(_ base: String, secure: Bool) -> String {
        secure ? "__Host-" + base : base
    }

    /// The value of a cookie as this request's scheme names it (over https only the `__Host-` form counts).
    static func value(_ base: String, in request: Request) -> String? {
        request.cookies[name(base, secure: request.isSecure)]
    }

    /// `Set-Cookie` for a cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure` over https.
    static func make(_ base: String, value: String, maxAge: Int?, request: Request) -> SetCookie {
        SetCookie(
            name: name(base, secure: request.isSecure), value: value, path: "/", maxAge: maxAge,
            httpOnly: true, secure: request.isSecure, sameSite: .lax
        )
    }

    /// `Set-Cookie` that makes the browser forget a cookie.
    static func expired(_ base: String, request: Request) -> SetCookie {
        .expired(name(base, secure: request.isSecure), secure: request.isSecure)
    }
}
