import HTTP
import MLPDomain

/// `/signup`, `/login` and `POST /logout`: the account forms of someone not (yet) logged in.
struct SessionPages {
    let pages: WebPages
    let users: UserServices

    func register(on router: inout PageRouter) {
        router.get("/signup") { request in
            if pages.session(of: request) != nil { return pages.redirect(to: WebRoutes.home, request: request) }
            let status: HTTPStatus = users.configuration.signUpOpen ? .ok : .forbidden
            return try pages.render("signup", title: "Sign up", view: SignupView(), request: request, status: status)
        }
        router.post("/signup", signUp)
        router.get("/login") { request in
            if pages.session(of: request) != nil {
                return pages.redirect(to: LocalRedirect.target(request.query["next"], fallback: WebRoutes.home), request: request)
            }
            let view = LoginView(next: request.query["next"].flatMap { LocalRedirect.isLocalPath($0) ? $0 : nil })
            return try pages.render("login", title: "Log in", view: view, request: request)
        }
        router.post("/login", logIn)
        router.post("/logout") { request in
            var response = pages.redirect(to: "/", flash: .notice("You are logged out."), request: request)
            if let session = pages.session(of: request) {
                try users.logout.execute(sessionID: session.sessionID)
                response.setCookie(WebCookies.expired(WebCookies.session, request: request))
            }
            return response
        }
    }

    private func signUp(_ request: Request) throws -> Response {
        let form = request.web.form
        var view = SignupView(username: form["username"] ?? "")
        let password = form["password"] ?? ""
        if password != form["password_confirmation"] ?? "" {
            view.confirmationError = "The two passwords differ."
        }
        guard users.configuration.signUpOpen else {
            return try pages.render("signup", title: "Sign up", view: view, refusedWith: .signUpClosed, request: request)
        }
        guard view.confirmationError == nil else {
            return try pages.render("signup", title: "Sign up", view: view, request: request, status: .unprocessableContent)
        }
        do {
            let user = try users.signUp(username: view.username, password: password)
            return pages.redirect(
                to: "/login", flash: .notice("Your account \(user.username.value) is ready. Log in to start."), request: request
            )
        } catch let error as DomainError {
            for field in error.fieldErrors {
                switch field.field {
                case "username": view.usernameError = field.message
                case "password": view.passwordError = field.message
                default: view.formError = field.message
                }
            }
            if error.fieldErrors.isEmpty { view.formError = error.message }
            return try pages.render("signup", title: "Sign up", view: view, refusedWith: error, request: request)
        }
    }

    private func logIn(_ request: Request) throws -> Response {
        let form = request.web.form
        let next = form["next"].flatMap { LocalRedirect.isLocalPath($0) ? $0 : nil }
        var view = LoginView(username: form["username"] ?? "", next: next)
        do {
            let result = try users.login.execute(
                username: view.username, password: form["password"] ?? "",
                clientAddress: request.throttlingAddress, userAgent: request.headers["User-Agent"]
            )
            var response = pages.redirect(to: next ?? WebRoutes.home, request: request)
            response.setCookie(WebCookies.make(
                WebCookies.session, value: result.token, maxAge: Int(users.configuration.sessionLifetime), request: request
            ))
            return response
        } catch let error as DomainError where error.code == .unauthorized || error.code == .rateLimited {
            view.error = error.code == .unauthorized ? "Incorrect e-mail address or password." : error.message
            return try pages.render("login", title: "Log in", view: view, refusedWith: error, request: request)
        }
    }
}
