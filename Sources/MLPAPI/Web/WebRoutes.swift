import HTTP
import Logging
import MLPDomain

/// The browser pages: server-rendered HTML with form posts, on the same use cases as the JSON API.
public enum WebRoutes {
    /// Where a logged-in visitor lands (after login, or on `/`).
    static let home = "/images"

    /// Registers every page route, then the HTML 404 and 405 answers (call after the API routes).
    /// The picture pages exist only with `images`.
    public static func register(
        on router: inout Router, pages: WebPages, users: UserServices, images: ImageServices?, logger: Logger
    ) {
        let pages = {
            var pages = pages
            pages.signUpOpen = users.configuration.signUpOpen
            return pages
        }()
        var pageRouter = PageRouter(router: router, pages: pages, users: users, logger: logger)
        pageRouter.get("/") { request in
            if pages.session(of: request) != nil { return pages.redirect(to: home, request: request) }
            return try pages.render("home", title: "Machine Learning Platform", request: request)
        }
        SessionPages(pages: pages, users: users).register(on: &pageRouter)
        AccountPages(pages: pages, users: users, images: images).register(on: &pageRouter)
        if let images {
            ImagePages(pages: pages, images: images).register(on: &pageRouter)
        }
        router = pageRouter.finish()
    }
}
