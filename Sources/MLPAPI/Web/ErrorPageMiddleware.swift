import HTTP
import Logging
import MLPDomain

/// Turns anything a page handler throws into a readable HTML error page with the right status
/// (403, 404, 405, 413, 429, 503 ...); unknown errors become a 500 page that reveals nothing and are logged.
struct ErrorPageMiddleware: Middleware {
    let pages: WebPages
    let logger: Logger

    func respond(to request: Request, next: Handler) throws -> Response {
        do {
            return try next(request)
        } catch {
            let page = pageError(for: error, request: request)
            let view = ErrorView(heading: page.title, message: page.message, status: page.status.code)
            var response: Response
            do {
                response = try pages.render("error", title: page.title, view: view, request: request, status: page.status)
            } catch {
                logger.error("error page failed: \(error)", metadata: ["request_id": "\(request.requestID)"])
                response = .text("\(page.status.code) \(page.title)\n\(page.message)\n", status: page.status)
            }
            for (name, value) in page.headers.sorted(by: { $0.key < $1.key }) { response.headers.set(name, value) }
            return response
        }
    }

    private func pageError(for error: any Error, request: Request) -> PageError {
        switch error {
        case let page as PageError:
            return page
        case let domain as DomainError:
            return PageError(problem: domain.problem)
        case let problem as ProblemDetails:
            return PageError(problem: problem)
        default:
            logger.error("unhandled error: \(String(reflecting: error))", metadata: ["request_id": "\(request.requestID)"])
            return PageError(
                status: .internalServerError, title: "Something went wrong",
                message: "The server could not complete the request. If it keeps happening, quote the request id \(request.requestID)."
            )
        }
    }
}

extension PageError {
    /// The page form of an API problem: same status, headers and explanation.
    init(problem: ProblemDetails) {
        let title = problem.status == 404 ? "Page not found" : problem.title
        self.init(
            status: HTTPStatus(code: problem.status), title: title,
            message: problem.detail ?? problem.title, headers: problem.headers.filter { $0.key != "WWW-Authenticate" }
        )
    }
}
