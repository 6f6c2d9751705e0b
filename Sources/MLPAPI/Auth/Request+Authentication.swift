import HTTP
import MLPDomain

/// Where the token of an authenticated request came from.
enum AuthenticationSource: Equatable, Sendable {
    case header
    case cookie
}

/// What `AuthMiddleware` attaches to a request.
struct Authentication: Sendable {
    let session: AuthenticatedSession
    let source: AuthenticationSource
}

/// Storage key of the authentication on `Request.storage`.
enum AuthenticationKey: RequestStorageKey {
    typealias Value = Authentication
}

extension Request {
    /// The client address that failed password checks are counted under ("unknown" when nginx passed none).
    var throttlingAddress: String {
        remoteAddress.isEmpty ? "unknown" : remoteAddress
    }

    /// The session `AuthMiddleware` resolved, or nil on routes it does not protect.
    public var authenticatedSession: AuthenticatedSession? {
        storage[AuthenticationKey.self]?.session
    }

    /// The session `AuthMiddleware` resolved; 401 when the route was not protected by it.
    public func requireAuthentication() throws -> AuthenticatedSession {
        guard let session = authenticatedSession else {
            throw DomainError(.unauthorized, "Authentication is required.")
        }
        return session
    }
}
