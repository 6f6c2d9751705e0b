import HTTP
import MLPDomain

/// `POST /api/v1/users` (sign up), `GET` and `DELETE /api/v1/users/me`, `PUT /api/v1/users/me/password`, the
/// caller's sessions (`GET` and `DELETE /api/v1/users/me/sessions`, `DELETE /api/v1/users/me/sessions/:id`) and API
/// keys (`GET` and `POST /api/v1/users/me/keys`, `DELETE /api/v1/users/me/keys/:id`). Only `GET /me` takes an API
/// key; the rest is the account's own business, for a login.
public enum UsersRoutes {
    /// Where the caller's own account lives; the `Location` of a new account.
    static let mePath = "/api/v1/users/me"

    /// Registers the routes; `/me` routes require authentication through `auth`.
    public static func register(on router: inout Router, services: UserServices, auth: AuthMiddleware) {
        router.post("/api/v1/users") { request in
            let body = try request.decodeJSON(CreateUserRequest.self)
            let user = try services.signUp(username: body.username, password: body.password)
            var response = Response.json(UserResponse(user), status: .created)
            response.headers.set("Location", mePath)
            return response
        }
        router.get(mePath, auth.protecting { request in
            // The token check read the account in the same statement as the session (and only if active).
            try Response.json(UserResponse(request.requireAuthentication().user))
        })
        router.delete(mePath, auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            try services.deleteAccount.execute(userID: session.user.id)
            return AuthMiddleware.endingCookieSession(.noContent, request: request)
        })
        router.put("\(mePath)/password", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            let body = try request.decodeJSON(ChangePasswordRequest.self)
            try services.changePassword.execute(
                userID: session.user.id, keepingSessionID: session.sessionID, currentPassword: body.currentPassword,
                newPassword: body.newPassword, clientAddress: request.throttlingAddress
            )
            return .noContent
        })
        router.get("\(mePath)/sessions", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            let listed = try services.listSessions.execute(userID: session.user.id)
            return try Response.json(SessionListResponse(listed, currentSessionID: session.sessionID))
        })
        router.delete("\(mePath)/sessions", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            let count = try services.revokeSessions.executeAllOthers(userID: session.user.id, currentSessionID: session.sessionID)
            return try Response.json(RevokedSessionsResponse(revokedSessions: count))
        })
        router.delete("\(mePath)/sessions/:id", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            try services.revokeSessions.execute(
                userID: session.user.id, sessionID: try request.resourceID(orThrow: .sessionNotFound), currentSessionID: session.sessionID
            )
            return .noContent
        })
        router.get("\(mePath)/keys", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            return try Response.json(APIKeyListResponse(services.apiKeys.list(userID: session.user.id)))
        })
        router.post("\(mePath)/keys", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            let body = try request.decodeJSON(CreateAPIKeyRequest.self)
            let (key, token) = try services.apiKeys.create(
                userID: session.user.id, name: body.name, lifetimeDays: body.expiresInDays ?? APIKeysUseCase.defaultLifetimeDays,
                readOnly: body.readOnly ?? false,
                origin: SessionOrigin(userAgent: request.headers["User-Agent"], clientAddress: request.throttlingAddress)
            )
            var response = try Response.json(APIKeyResponse(key: key, token: token), status: .created)
            response.headers.set("Location", "\(mePath)/keys/\(key.id)")
            response.headers.set("Cache-Control", "no-store")
            return response
        })
        router.delete("\(mePath)/keys/:id", auth.protectingAccount { request in
            let session = try request.requireAuthentication()
            try services.apiKeys.revoke(userID: session.user.id, keyID: try request.resourceID(orThrow: .apiKeyNotFound))
            return .noContent
        })
    }
}
