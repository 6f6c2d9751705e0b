import Testing
@testable import HTTP

@Suite("Router")
struct RouterTests {
    private func router() -> Router {
        var router = Router()
        router.get("/api/v1/images") { _ in .text("list") }
        router.post("/api/v1/images") { _ in .text("create") }
        router.get("/api/v1/images/:id") { request in .text("get \(try request.parameters.require("id", as: Int64.self))") }
        router.delete("/api/v1/images/:id") { _ in .noContent }
        router.get("/api/v1/images/:id/content") { request in .text("content \(request.parameters["id"] ?? "")") }
        router.get("/api/v1/images/latest") { _ in .text("latest") }
        return router
    }

    private func run(_ method: HTTPMethod, _ path: String) throws -> Response {
        var request = Request(method: method, path: path)
        return try router().match(&request).handler(request)
    }

    private func body(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func literalAndParameterRoutes() throws {
        #expect(body(try run(.get, "/api/v1/images")) == "list")
        #expect(body(try run(.post, "/api/v1/images")) == "create")
        #expect(body(try run(.get, "/api/v1/images/42")) == "get 42")
        #expect(body(try run(.get, "/api/v1/images/42/content")) == "content 42")
        #expect(try run(.delete, "/api/v1/images/42").status == .noContent)
    }

    @Test func literalSegmentWinsOverParameter() throws {
        #expect(body(try run(.get, "/api/v1/images/latest")) == "latest")
    }

    @Test func matchReportsThePattern() throws {
        var request = Request(method: .get, path: "/api/v1/images/9/content")
        #expect(try router().match(&request).pattern == "/api/v1/images/:id/content")
    }

    @Test(arguments: ["/nope", "/api/v1", "/api/v1/images/1/other", "/"])
    func unknownPathIs404(path: String) {
        #expect { try run(.get, path) } throws: { ($0 as? ProblemDetails)?.status == 404 }
    }

    @Test func wrongMethodIs405WithAllow() {
        #expect {
            try run(.put, "/api/v1/images/3")
        } throws: { error in
            let problem = error as? ProblemDetails
            return problem?.status == 405 && problem?.headers["Allow"] == "DELETE, GET, HEAD"
        }
    }

    @Test func headFallsBackToGet() throws {
        #expect(body(try run(.head, "/api/v1/images")) == "list")
    }

    @Test(arguments: ["abc", "99999999999999999999", "1.5", ""])
    func typedParameterThatDoesNotConvertIs404(value: String) {
        #expect { try run(.get, "/api/v1/images/\(value)x") } throws: { ($0 as? ProblemDetails)?.status == 404 }
    }
}
