import Foundation
import HTTP
import MLPDomain

/// Requires a valid session: `Authorization: Bearer <token>`, or else the `mlp_session` cookie
/// (`__Host-mlp_session` when the pages set it over https).
///
/// On success the `AuthenticatedSession` is put on `request.storage` (read it with
/// `request.requireAuthentication()`). No credentials → 401 with `WWW-Authenticate: Bearer`; a malformed
/// header or an unknown, expired, revoked or deleted-user token → 401 with `error="invalid_token"`.
public struct AuthMiddleware: Middleware {
    /// The cookie the browser pages carry the session token in.
    public static let cookieName = "mlp_session"
    /// The same cookie's name over https, where the `__Host-` prefix pins it to this host.
    public static let secureCookieName = "__Host-mlp_session"
    /// Longer tokens are refused before any lookup.
    static let maxTokenLength = 512

    let authenticate: AuthenticateUseCase
    /// Set by ``protectingRead(_:)``: the route only reads, whatever its method, so a read-only API key may use it.
    private var onlyReads = false

    public init(authenticate: AuthenticateUseCase) {
        self.authenticate = authenticate
    }

    public func respond(to request: Request, next: Handler) throws -> Response {
        let (token, source) = try Self.presentedToken(in: request)
        let session = try Self.checkingToken { try authenticate.execute(token: token) }
        if session.key?.readOnly == true, !onlyReads, request.method != .get, request.method != .head {
            throw DomainError.readOnlyKey
        }
        var request = request
        request.storage[AuthenticationKey.self] = Authentication(session: session, source: source)
        return try next(request)
    }

    /// Wraps one handler so it runs only for authenticated requests.
    public func protecting(_ handler: @escaping Handler) -> Handler {
        [self].wrapping(handler)
    }

    /// Like ``protecting(_:)``, for a `POST` that changes nothing (a search by picture): a read-only API key may
    /// send it too.
    public func protectingRead(_ handler: @escaping Handler) -> Handler {
        var reading = self
        reading.onlyReads = true
        return [reading].wrapping(handler)
    }

    /// Like ``protecting(_:)``, for what only a login may do: the account's password, deletion, sessions and API
    /// keys. An API key gets a 403 (`DomainError.loginRequired`), so a leaked key cannot take the account over.
    public func protectingAccount(_ handler: @escaping Handler) -> Handler {
        protecting { request in
            guard try request.requireAuthentication().key == nil else { throw DomainError.loginRequired }
            return try handler(request)
        }
    }

    /// Like ``protecting(_:)``, for a handler that checks the token itself in the same statement as its own read
    /// (through ``authenticate``, as `GetImageUseCase` does): missing or malformed credentials are refused here
    /// as ``respond(to:next:)`` refuses them, and the handler's `unauthorized` becomes the same 401. The handler
    /// must not read the request's authentication (nothing is attached).
    func protecting(checkingTokenAlong handler: @escaping @Sendable (Request, String) throws -> Response) -> Handler {
        { request in
            let (token, _) = try Self.presentedToken(in: request)
            return try Self.checkingToken { try handler(request, token) }
        }
    }

    /// For a ``protecting(checkingTokenAlong:)`` handler: what `parse` reads from the request. When it throws (a
    /// malformed id, a bad option), the token is checked first, so a bad token is a 401 before that 404 or 422, as
    /// with ``protecting(_:)``.
    func parsing<T>(_ token: String, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch {
            _ = try authenticate.execute(token: token)
            throw error
        }
    }

    /// The presented token and where it came from; 401 when there is none or it is malformed.
    private static func presentedToken(in request: Request) throws -> (String, AuthenticationSource) {
        switch credentials(in: request) {
        case .none:
            throw DomainError(.unauthorized, "Authentication is required: send Authorization: Bearer <token>.")
        case .malformed:
            throw invalidTokenProblem()
        case .token(let token, let source):
            return (token, source)
        }
    }

    /// `body`, with a rejected token (`unauthorized`) answered as a 401 with `error="invalid_token"`.
    private static func checkingToken<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError where error.code == .unauthorized {
            throw invalidTokenProblem()
        }
    }

    /// The response, plus an expired `mlp_session` cookie when the request authenticated with that cookie
    /// (after logout or account deletion the browser should forget it).
    public static func endingCookieSession(_ status: HTTPStatus, request: Request) -> Response {
        var response = Response(status: status)
        if request.storage[AuthenticationKey.self]?.source == .cookie {
            response.setCookie(.expired(request.isSecure ? secureCookieName : cookieName, secure: request.isSecure))
        }
        return response
    }

    enum Credentials: Equatable {
        case none
        case malformed
        case token(String, AuthenticationSource)
    }

    /// The presented token, from the `Authorization` header first, then the cookie.
    static func credentials(in request: Request) -> Credentials {
        let headers = request.headers.values("Authorization")
        if headers.count > 1 { return .malformed }
        if let header = headers.first {
            // Spaces and tabs around and between the scheme and the token are tolerated (RFC 9110 OWS).
            let parts = header.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, parts[0].lowercased() == "bearer", isToken(parts[1]) else { return .malformed }
            return .token(String(parts[1]), .header)
        }
        if let cookie = request.cookies[secureCookieName] ?? request.cookies[cookieName] {
            return isToken(cookie[...]) ? .token(cookie, .cookie) : .malformed
        }
        return .none
    }

    /// RFC 6750 `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    private static func isToken(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maxTokenLength else { return false }
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, bytes.dropFirst(body.count).allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return body.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~+/".utf8.contains(byte)
        }
    }

    private static func invalidTokenProblem() -> ProblemDetails {
        var problem = DomainError.invalidToken.problem
        problem.headers["WWW-Authenticate"] = #"Bearer error="invalid_token""#
        return problem
    }
}
