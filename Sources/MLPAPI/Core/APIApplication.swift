import HTTP
import Logging

/// Builds the HTTP responder for the whole API from its parts (the composition root hands them in).
public struct APIApplication: Sendable {
    public var maxBodyBytes: Int
    public var logger: Logger
    /// Reports whether the database and the model can serve (`/readyz`).
    public var readiness: ReadinessProbe
    /// Users and authentication; without it only the system routes exist.
    public var users: UserServices?
    /// Images and models; needs `users` (every image route is authenticated).
    public var images: ImageServices?
    /// `/metrics`, `/status` and the request observer; set by the composition root (nil in most tests).
    public var operations: OperationsEndpoints?
    /// The browser pages (templates, signing key); they need `users` too, and `images` for the picture pages.
    public var web: WebPages?

    public init(
        maxBodyBytes: Int, logger: Logger, readiness: @escaping ReadinessProbe = { [] }, users: UserServices? = nil,
        images: ImageServices? = nil, web: WebPages? = nil
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        self.readiness = readiness
        self.users = users
        self.images = images
        self.web = web
    }

    /// The middleware that protects routes needing a logged-in user (nil without `users`).
    public var authMiddleware: AuthMiddleware? {
        users.map { AuthMiddleware(authenticate: $0.authenticate) }
    }

    /// Every route of the application.
    public func makeRouter() -> Router {
        var router = Router()
        SystemRoutes.register(on: &router, readiness: readiness)
        operations?.register(on: &router)
        if let users, let auth = authMiddleware {
            UsersRoutes.register(on: &router, services: users, auth: auth)
            AuthRoutes.register(on: &router, services: users, auth: auth)
            if let images {
                ImagesRoutes.register(on: &router, services: images, auth: auth)
                AlbumsRoutes.register(on: &router, services: images, auth: auth)
            }
        }
        if let images {
            ModelsRoutes.register(on: &router, classifier: images.classifier)
        }
        if let users, let web {
            WebRoutes.register(on: &router, pages: web, users: users, images: images, logger: logger)
        }
        return router
    }

    /// The responder the FastCGI server calls.
    public func makeResponder() -> HTTPResponder {
        HTTPResponder(
            router: makeRouter(), middleware: web.map { [APICookieCSRFMiddleware(pages: $0)] } ?? [], errorMapper: APIErrorMapper.map,
            logger: logger, maxBodyBytes: maxBodyBytes, observer: operations?.observer
        )
    }
}
