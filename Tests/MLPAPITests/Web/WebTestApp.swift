import Foundation
import HTTP
import Logging
@testable import MLPAPI
import MLPDomain
import Testing

/// The application with its browser pages, on in-memory fakes, driven like a browser: a cookie jar, and
/// forms posted with the CSRF token of the page they came from.
final class WebTestApp: @unchecked Sendable {
    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/templates").path

    /// A stand-in MAC: deterministic within the test process and key-dependent (MLPAPI has no OpenSSL).
    static let mac: MessageAuthenticationCode = { key, message in
        (0..<4).flatMap { salt -> [UInt8] in
            var hasher = Hasher()
            hasher.combine(salt)
            hasher.combine(key)
            hasher.combine(message)
            return withUnsafeBytes(of: hasher.finalize().littleEndian, Array.init)
        }
    }

    let store: InMemoryStore
    let imageStore: InMemoryImageStore
    let classifier: FakeClassifier
    let clock: TestClock
    let responder: HTTPResponder
    let secure: Bool
    /// The cookies the "browser" holds, by name.
    var cookies: [String: String] = [:]

    init(secure: Bool = false, signUpOpen: Bool = true, quota: StorageQuota = .unlimited, maxConcurrentExports: Int = 2) throws {
        store = InMemoryStore()
        imageStore = InMemoryImageStore()
        classifier = FakeClassifier()
        clock = TestClock()
        let services = UserServices(
            unitOfWork: InMemoryUnitOfWork(store: store), hasher: FakeHasher(), tokens: FakeTokens(), clock: clock,
            configuration: AuthConfiguration(signUpOpen: signUpOpen)
        )
        let images = ImageServices(
            unitOfWork: InMemoryImageUnitOfWork(store: imageStore, users: store), classifier: classifier, processor: FakeProcessor(),
            digester: FakeDigester(), tokens: FakeTokens(), clock: clock, quota: quota, maxConcurrentExports: maxConcurrentExports
        )
        let configuration = WebConfiguration(templatesDirectory: Self.templatesDirectory, secretKey: Array("k".utf8))
        let web = try WebPages(configuration: configuration, mac: Self.mac, tokens: FakeTokens())
        responder = APIApplication(
            maxBodyBytes: 1 << 20, logger: Logger(label: "test"), users: services, images: images, web: web
        ).makeResponder()
        self.secure = secure
    }

    private init(sharing other: WebTestApp) {
        store = other.store
        imageStore = other.imageStore
        classifier = other.classifier
        clock = other.clock
        responder = other.responder
        secure = other.secure
    }

    /// A second browser (empty cookie jar) on the same application.
    static func sharing(_ other: WebTestApp) -> WebTestApp { WebTestApp(sharing: other) }

    var host: String { "mlp.test" }
    var origin: String { (secure ? "https://" : "http://") + host }

    /// Sends a request with the jar's cookies and stores the cookies the response sets.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, form: [(String, String)]? = nil, headers: HTTPHeaders = [:],
        withCookies: Bool = true, rawBody: [UInt8]? = nil
    ) -> Response {
        var headers = headers
        if !headers.contains("Host") { headers.set("Host", host) }
        // What a browser sends on navigation.
        if !headers.contains("Accept") { headers.set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8") }
        if withCookies, !cookies.isEmpty {
            headers.set("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var body: [UInt8] = []
        if let form {
            headers.set("Content-Type", "application/x-www-form-urlencoded")
            body = Array(form.map { "\(FormEncoding.encode($0.0))=\(FormEncoding.encode($0.1))" }.joined(separator: "&").utf8)
        }
        if let rawBody { body = rawBody }
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        let request = Request(
            method: method, path: parts[0], query: URLEncodedForm(parsing: parts.count > 1 ? parts[1] : ""),
            headers: headers, body: body, remoteAddress: "192.0.2.7", isSecure: secure
        )
        let response = responder.respond(to: request)
        for header in response.headers.values("Set-Cookie") {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// GETs `page`, then posts `fields` to `action` with the page's CSRF token and a same-origin `Origin`.
    @discardableResult
    func submit(_ page: String, to action: String, _ fields: [(String, String)], headers: HTTPHeaders = [:]) throws -> Response {
        let form = send(.get, page)
        let token = try #require(form.csrfToken, "no CSRF token on \(page): \(form.status)")
        var headers = headers
        if !headers.contains("Origin") { headers.set("Origin", origin) }
        return send(.post, action, form: [("csrf_token", token)] + fields, headers: headers)
    }

    /// Posts a `multipart/form-data` form (text fields, then an optional `file` part), as a browser uploads.
    @discardableResult
    func postMultipart(
        _ path: String, fields: [(String, String)], file: [UInt8]?, filename: String = "coffee.jpg", headers: HTTPHeaders = [:]
    ) -> Response {
        postMultipart(path, fields: fields, files: file.map { [(filename, $0)] } ?? [], headers: headers)
    }

    /// Posts a `multipart/form-data` form with text fields, then one `file` part per file (`<input multiple>`).
    @discardableResult
    func postMultipart(
        _ path: String, fields: [(String, String)], files: [(name: String, bytes: [UInt8])], headers: HTTPHeaders = [:]
    ) -> Response {
        let boundary = "----mlp-test-boundary-7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = headers
        headers.set("Content-Type", "multipart/form-data; boundary=\(boundary)")
        if !headers.contains("Origin") { headers.set("Origin", origin) }
        return send(.post, path, headers: headers, rawBody: body)
    }

    /// Uploads through the form of `/images/new`; the response is the redirect to the new picture.
    @discardableResult
    func upload(_ bytes: [UInt8]?, title: String = "") throws -> Response {
        let token = try #require(send(.get, "/images/new").csrfToken)
        return postMultipart("/images", fields: [("csrf_token", token), ("title", title)], file: bytes)
    }

    /// Uploads several files at once through the form of `/images/new`.
    @discardableResult
    func upload(files: [(name: String, bytes: [UInt8])], title: String = "") throws -> Response {
        let token = try #require(send(.get, "/images/new").csrfToken)
        return postMultipart("/images", fields: [("csrf_token", token), ("title", title)], files: files)
    }

    @discardableResult
    func signUp(_ username: String = "alice@example.com", _ password: String = "s3cret-enough") throws -> Response {
        try submit("/signup", to: "/signup", [("username", username), ("password", password), ("password_confirmation", password)])
    }

    @discardableResult
    func logIn(_ username: String = "alice@example.com", _ password: String = "s3cret-enough") throws -> Response {
        try submit("/login", to: "/login", [("username", username), ("password", password)])
    }

    var sessionCookieName: String { secure ? "__Host-mlp_session" : "mlp_session" }

    /// Signs up and logs in; the jar then holds the session cookie.
    /// A second browser on the same application, signed up and logged in as another account.
    func anotherAccount(_ username: String) throws -> WebTestApp {
        let other = WebTestApp.sharing(self)
        try other.signUp(username)
        try other.logIn(username)
        return other
    }

    func loggedIn() throws -> WebTestApp {
        try signUp()
        try logIn()
        return self
    }
}

extension Response {
    /// The value of the first hidden `csrf_token` field of the page.
    var csrfToken: String? {
        guard let range = text.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The `Set-Cookie` header for a cookie name.
    func setCookie(_ name: String) -> String? {
        headers.values("Set-Cookie").first { $0.hasPrefix(name + "=") }
    }
}
