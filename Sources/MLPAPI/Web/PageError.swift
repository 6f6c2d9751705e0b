import HTTP

/// A failure a page handler reports as an HTML error page with this status.
struct PageError: Error, Sendable {
    var status: HTTPStatus
    var title: String
    var message: String
    var headers: [String: String] = [:]

    static func forbidden(_ message: String) -> PageError {
        PageError(status: .forbidden, title: "Forbidden", message: message)
    }

    static var notFound: PageError {
        PageError(status: .notFound, title: "Page not found", message: "There is nothing at this address.")
    }

    static func methodNotAllowed(_ allowed: [HTTPMethod]) -> PageError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return PageError(
            status: .methodNotAllowed, title: "Method not allowed",
            message: "This page does not accept that kind of request.", headers: ["Allow": allow]
        )
    }
}
