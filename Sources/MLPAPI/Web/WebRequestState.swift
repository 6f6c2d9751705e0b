import HTTP
import MLPDomain

/// What the page middleware learned about a browser request: who is logged in, what the CSRF token is
/// bound to, the flash to show and the parsed form body.
struct WebRequestState: Sendable {
    /// The session the cookie opened, if any.
    var session: AuthenticatedSession?
    /// The value this request's CSRF token is derived from: the session token, else the pre-session cookie.
    var csrfBinding = ""
    /// The one-time message from the previous response.
    var flash: Flash?
    /// The URL-encoded form body of a state-changing request, parsed once by the CSRF check.
    var form = URLEncodedForm()
    /// The `multipart/form-data` body of a state-changing request (uploads), parsed once by the CSRF check.
    var multipart: MultipartFormData?
}

/// Storage key of the page state on `Request.storage`.
enum WebRequestStateKey: RequestStorageKey {
    typealias Value = WebRequestState
}

extension Request {
    /// The page state (empty when the page middleware did not run).
    var web: WebRequestState {
        storage[WebRequestStateKey.self] ?? WebRequestState()
    }
}
