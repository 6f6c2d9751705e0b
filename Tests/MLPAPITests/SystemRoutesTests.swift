import Foundation
import HTTP
import Logging
import MLPDomain
import Testing
@testable import MLPAPI

@Suite("System routes and error mapping")
struct SystemRoutesTests {
    private let responder = APIApplication(maxBodyBytes: 1024, logger: Logger(label: "test")).makeResponder()

    @Test func healthz() {
        let response = responder.respond(to: Request(method: .get, path: "/healthz"))
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"ok"}"#)
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func version() throws {
        let response = responder.respond(to: Request(method: .get, path: "/api/v1/version"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        #expect(object == ["name": "mlp", "version": AppInfo.version])
    }

    @Test func domainErrorsMapToStableProblems() {
        let validation = DomainError.invalid("username", "Not an e-mail address.").problem
        #expect(validation.status == 422)
        #expect(validation.type == "/problems/validation")
        #expect(validation.errors == [.init(field: "username", message: "Not an e-mail address.")])

        let limited = DomainError(.rateLimited, "Slow down.", retryAfterSeconds: 90).problem
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "90")

        let unauthorized = DomainError(.unauthorized, "Log in.").problem
        #expect(unauthorized.status == 401)
        #expect(unauthorized.headers["WWW-Authenticate"] == "Bearer")

        #expect(DomainError(.unavailable, "Busy.").problem.status == 503)
        #expect(DomainError(.conflict, "Taken.").problem.status == 409)
        #expect(DomainError(.notFound, "No.").problem.status == 404)
    }
}
