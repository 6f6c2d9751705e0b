import HTTP
import MLPDomain

/// The browser pages' shared machinery: templates, signing, and the layout every page is rendered in.
public struct WebPages: Sendable {
    /// The settings the pages were built with.
    public let configuration: WebConfiguration
    let renderer: TemplateRenderer
    let signer: MessageSigner
    let tokens: any TokenGenerator
    /// Whether pages offer sign-up (the links and the form); set from the users' configuration.
    var signUpOpen = true

    /// Loads the templates (throws when the folder or a required template is missing or does not parse).
    /// `mac` is HMAC-SHA256; `tokens` makes the random pre-session values.
    public init(configuration: WebConfiguration, mac: @escaping MessageAuthenticationCode, tokens: any TokenGenerator) throws {
        self.configuration = configuration
        renderer = try TemplateRenderer(directory: configuration.templatesDirectory)
        signer = MessageSigner(key: configuration.secretKey, mac: mac)
        self.tokens = tokens
    }

    /// The synchronizer token for forms of this request's session (or pre-session).
    func csrfToken(for state: WebRequestState) -> String {
        signer.sign(state.csrfBinding, purpose: "csrf")
    }

    /// Whether `token` is the synchronizer token of this request; constant time.
    func isValidCSRFToken(_ token: String, for state: WebRequestState) -> Bool {
        !state.csrfBinding.isEmpty && signer.verify(token, of: state.csrfBinding, purpose: "csrf")
    }

    /// An HTML page: `template` inside the layout, with `view` as `page` in the template.
    func render(
        _ template: String, title: String, view: Any = [String: String](), request: Request, status: HTTPStatus = .ok
    ) throws -> Response {
        let state = request.web
        var context: [String: Any] = [
            "title": title,
            "csrfToken": csrfToken(for: state),
            "page": view,
            "signUpOpen": signUpOpen,
        ]
        if let user = state.session?.user {
            context["user"] = ["username": user.username.value]
        }
        if let flash = state.flash {
            context["flash"] = ["message": flash.message, "isError": flash.kind == .error]
        }
        return .html(try renderer.render(template, context), status: status)
    }

    /// A form page again after `error` refused its input, with the status (and `Retry-After`) the API would
    /// have answered.
    func render(
        _ template: String, title: String, view: Any, refusedWith error: DomainError, request: Request
    ) throws -> Response {
        Self.refusal(try render(template, title: title, view: view, request: request), error)
    }

    /// `page` with the status (and `Retry-After`) the API answers for `error`.
    static func refusal(_ page: Response, _ error: DomainError) -> Response {
        var response = page
        let problem = error.problem
        response.status = HTTPStatus(code: problem.status)
        if let retry = problem.headers["Retry-After"] { response.headers.set("Retry-After", retry) }
        return response
    }

    /// 303 to a local path, with an optional flash message for the page there.
    func redirect(to location: String, flash: Flash? = nil, request: Request) -> Response {
        var response = Response.redirect(to: location)
        if let flash {
            response.setCookie(WebCookies.make(
                WebCookies.flash, value: flash.cookieValue(signer: signer), maxAge: WebCookies.flashMaxAge, request: request
            ))
        }
        return response
    }

    /// 303 to the login page, coming back to this page afterwards.
    func redirectToLogin(from request: Request) -> Response {
        var next = request.path
        let query = request.query.pairs.map { "\(FormEncoding.encode($0.name))=\(FormEncoding.encode($0.value))" }
        if !query.isEmpty { next += "?" + query.joined(separator: "&") }
        return redirect(to: "/login?next=" + FormEncoding.encode(next), request: request)
    }

    /// The session of a page that needs a login; nil means: answer `redirectToLogin(from:)`.
    func session(of request: Request) -> AuthenticatedSession? {
        request.web.session
    }
}
