import HTTP
import MLPDomain

/// `POST /api/v1/auth/login` and `POST /api/v1/auth/logout`.
public enum AuthRoutes {
    /// Registers the routes; logout requires authentication through `auth`.
    public static func register(on router: inout Router, services: UserServices, auth: AuthMiddleware) {
        router.post("/api/v1/auth/login") { request in
            let credentials = try LoginCredentials(request)
            let result = try services.login.execute(
                username: credentials.username, password: credentials.password,
                clientAddress: request.throttlingAddress, userAgent: request.headers["User-Agent"]
            )
            return try Response.json(TokenResponse(result))
        }
        router.post("/api/v1/auth/logout", auth.protecting { request in
            let session = try request.requireAuthentication()
            try services.logout.execute(sessionID: session.sessionID)
            return AuthMiddleware.endingCookieSession(.noContent, request: request)
        })
    }
}
