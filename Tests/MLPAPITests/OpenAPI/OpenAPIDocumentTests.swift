import Foundation
import HTTP
import Logging
@testable import MLPAPI
import MLPDomain
import Testing

/// `docs/openapi.yaml` documents exactly the routes the application registers: none missing, none extra.
@Suite("OpenAPI document matches the router")
struct OpenAPIDocumentTests {
    static let documentPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml").path

    /// The browser pages: HTML, not part of the JSON API, so not in the document.
    static let pagePatterns: Set<String> = [
        "/", "/signup", "/login", "/logout", "/account", "/account/password", "/account/export", "/account/delete",
        "/account/sessions/:id/end",
        "/account/sessions/end-others", "/account/keys", "/account/keys/:id/revoke", "/images/search", "/albums", "/albums/:id", "/albums/:id/name", "/albums/:id/delete", "/albums/:id/remove", "/albums/:id/share", "/albums/:id/share/delete", "/albums/:id/cover", "/albums/:id/cover/delete", "/albums/:id/export", "/a/:token", "/a/:token/:id", "/a/:token/:id/content",
        "/a/:token/:id/thumbnail", "/images/album", "/images/:id/album", "/images", "/images/new", "/images/delete", "/images/:id",
        "/images/:id/title", "/images/:id/picture", "/images/:id/delete", "/labels", "/labels/suggestions", "/images/:id/share", "/images/:id/similar", "/images/:id/explanation", "/images/duplicates",
        "/images/next-unlabelled", "/images/label", "/images/favourite",
        "/images/:id/share/delete", "/images/:id/classify", "/images/:id/label", "/images/:id/label/delete", "/images/:id/favourite", "/images/:id/rotate", "/s/:token", "/s/:token/content", "/s/:token/thumbnail",
    ]

    /// Every route of the complete application: users, images, pages and operator endpoints.
    static func routes() throws -> [(method: HTTPMethod, pattern: String)] {
        let clock = TestClock()
        let users = UserServices(
            unitOfWork: InMemoryUnitOfWork(store: InMemoryStore()), hasher: FakeHasher(), tokens: FakeTokens(), clock: clock
        )
        let images = ImageServices(
            unitOfWork: InMemoryImageUnitOfWork(store: InMemoryImageStore()), classifier: FakeClassifier(),
            processor: FakeProcessor(), digester: FakeDigester(), tokens: FakeTokens(), clock: clock
        )
        let configuration = WebConfiguration(templatesDirectory: WebTestApp.templatesDirectory, secretKey: Array("k".utf8))
        let web = try WebPages(configuration: configuration, mac: WebTestApp.mac, tokens: FakeTokens())
        var application = APIApplication(maxBodyBytes: 1024, logger: Logger(label: "test"), users: users, images: images, web: web)
        application.operations = OperationsEndpoints(
            access: OperationsAccess(), metricsText: { [] },
            status: {
                ServerStatusReport(
                    version: "0", processID: 1, startTime: "", uptimeSeconds: 0, requestsServed: 0, workers: .init(total: 1, busy: 0),
                    slowRequestThresholdMilliseconds: 0, slowestRecentRequests: [], models: [], reloads: 0
                )
            }
        )
        return application.makeRouter().routes
    }

    /// `/api/v1/images/:id` → `/api/v1/images/{id}`.
    static func template(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }

    static func document() throws -> OpenAPIOperations {
        try OpenAPIOperations(yaml: String(contentsOfFile: documentPath, encoding: .utf8))
    }

    @Test func everyAPIRouteIsDocumented() throws {
        let documented = Set(try Self.document().operations.map { "\($0.method) \($0.path)" })
        let routed = try Self.routes().filter { !Self.pagePatterns.contains($0.pattern) }
        #expect(routed.count >= 19, "the application registered only \(routed.count) API routes")
        for route in routed {
            let name = "\(route.method.rawValue) \(Self.template(route.pattern))"
            let isDocumented = documented.contains(name)
            #expect(isDocumented, "\(name) is routed but not in docs/openapi.yaml")
        }
    }

    @Test func everyDocumentedOperationIsRouted() throws {
        let routes = try Self.routes()
        let routed = Set(routes.map { "\($0.method.rawValue) \(Self.template($0.pattern))" })
        let routedPaths = Set(routes.map { Self.template($0.pattern) })
        for operation in try Self.document().operations {
            if operation.servedBy == "nginx" {
                let appRoutesIt = routedPaths.contains(operation.path)
                #expect(!appRoutesIt, "\(operation) is said to be nginx's but the app routes it")
            } else {
                #expect(operation.servedBy == nil, "\(operation): unknown x-served-by \(operation.servedBy ?? "")")
                let isRouted = routed.contains(operation.description)
                #expect(isRouted, "\(operation) is documented but not routed")
            }
        }
    }

    @Test func pagesStayOutOfTheDocument() throws {
        let documentedPaths = Set(try Self.document().operations.map(\.path))
        let pageRoutes = try Self.routes().filter { Self.pagePatterns.contains($0.pattern) }
        #expect(!pageRoutes.isEmpty, "no page routes registered: the page list is stale")
        for route in pageRoutes {
            let isDocumented = documentedPaths.contains(Self.template(route.pattern))
            #expect(!isDocumented, "page \(route.pattern) is in the API document")
        }
        // Every listed page pattern still exists, so the exclusion list cannot hide a renamed API route.
        let patterns = Set(pageRoutes.map(\.pattern))
        #expect(patterns == Self.pagePatterns)
    }

    @Test func readerFindsOperationsAndServedBy() throws {
        let yaml = """
        openapi: 3.1.0
        paths:
          # a comment
          "/a/{id}":
            parameters:
              - name: id
            get:
              responses: {}
            delete:
              x-served-by: nginx
        components:
          schemas:
            get:
              type: object
        """
        let operations = try OpenAPIOperations(yaml: yaml).operations
        #expect(operations == [
            .init(method: "GET", path: "/a/{id}"), .init(method: "DELETE", path: "/a/{id}", servedBy: "nginx"),
        ])
    }
}
