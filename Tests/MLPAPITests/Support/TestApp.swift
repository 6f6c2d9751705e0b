import Foundation
import HTTP
import Logging
@testable import MLPAPI
import MLPDomain

/// The API wired to in-memory fakes, driven through the in-memory responder.
struct TestApp {
    let store = InMemoryStore()
    let clock = TestClock()
    let hasher = FakeHasher()
    let responder: HTTPResponder

    init(configuration: AuthConfiguration = AuthConfiguration()) {
        let services = UserServices(
            unitOfWork: InMemoryUnitOfWork(store: store), hasher: hasher, tokens: FakeTokens(), clock: clock,
            configuration: configuration
        )
        responder = APIApplication(maxBodyBytes: 1 << 20, logger: Logger(label: "test"), users: services).makeResponder()
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, form: String? = nil, token: String? = nil,
        headers: HTTPHeaders = [:], address: String = "192.0.2.1"
    ) -> Response {
        var headers = headers
        var body: [UInt8] = []
        if let json {
            headers.set("Content-Type", "application/json")
            body = Array(json.utf8)
        } else if let form {
            headers.set("Content-Type", "application/x-www-form-urlencoded")
            body = Array(form.utf8)
        }
        if let token { headers.set("Authorization", "Bearer \(token)") }
        return responder.respond(to: Request(method: method, path: path, headers: headers, body: body, remoteAddress: address))
    }

    @discardableResult
    func signUp(_ username: String = "alice@example.com", _ password: String = "s3cret-enough") -> Response {
        send(.post, "/api/v1/users", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
    }

    func login(_ username: String = "alice@example.com", _ password: String = "s3cret-enough", address: String = "192.0.2.1") -> Response {
        send(.post, "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#, address: address)
    }

    /// Signs up (if needed) and logs in, returning the access token.
    func token(_ username: String = "alice@example.com", _ password: String = "s3cret-enough") throws -> String {
        signUp(username, password)
        let response = login(username, password)
        guard response.status == .ok, let token = response.object["access_token"] as? String else {
            throw TestFailure("login failed: \(response.status) \(response.text)")
        }
        return token
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Response {
    var text: String { String(decoding: body, as: UTF8.self) }

    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The `id` of every entry of a list's `items`.
    var itemIDs: [Int] {
        (object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    /// The `field` of every entry of a problem's `errors`.
    var errorFields: [String] {
        (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}
