import Foundation
import HTTP
import Logging
@testable import MLPAPI
import MLPDomain
import Testing

/// The API with users over `InMemoryStore` and images over ``InMemoryImageStore``, driven in memory.
struct ImageTestApp {
    let users = InMemoryStore()
    let images = InMemoryImageStore()
    let classifier = FakeClassifier()
    /// The time every use case sees; `advance(by:)` moves it.
    let clock = TestClock()
    let responder: HTTPResponder

    init(
        pictureCache: EncodedPictureCache? = nil, uploadStored: @escaping @Sendable (Int) -> Void = { _ in },
        quota: StorageQuota = .unlimited, maxConcurrentExports: Int = 2, storedMetadata: StoredMetadata = .keep
    ) {
        let clock = self.clock
        let userServices = UserServices(
            unitOfWork: InMemoryUnitOfWork(store: users), hasher: FakeHasher(), tokens: FakeTokens(), clock: clock
        )
        let imageServices = ImageServices(
            unitOfWork: InMemoryImageUnitOfWork(store: images, users: users), classifier: classifier, processor: FakeProcessor(),
            digester: FakeDigester(), tokens: FakeTokens(), clock: clock, pictureCache: pictureCache, uploadStored: uploadStored, quota: quota,
            maxConcurrentExports: maxConcurrentExports, storedMetadata: storedMetadata
        )
        responder = APIApplication(maxBodyBytes: 1 << 20, logger: Logger(label: "test"), users: userServices, images: imageServices)
            .makeResponder()
    }

    /// Signs up and logs in `username`, returning the bearer token.
    func token(_ username: String) throws -> String {
        let credentials = #"{"username":"\#(username)","password":"s3cret-enough"}"#
        _ = send(.post, "/api/v1/users", body: Array(credentials.utf8), contentType: "application/json")
        let login = send(.post, "/api/v1/auth/login", body: Array(credentials.utf8), contentType: "application/json")
        guard let token = login.object["access_token"] as? String else { throw TestFailure("login failed: \(login.text)") }
        return token
    }

    func send(
        _ method: HTTPMethod, _ target: String, body: [UInt8] = [], contentType: String? = nil, token: String? = nil,
        headers: HTTPHeaders = [:]
    ) -> Response {
        var headers = headers
        if let contentType { headers.set("Content-Type", contentType) }
        if let token { headers.set("Authorization", "Bearer \(token)") }
        let parts = target.split(separator: "?", maxSplits: 1)
        let query = parts.count > 1 ? URLEncodedForm(parsing: String(parts[1])) : URLEncodedForm()
        return responder.respond(to: Request(method: method, path: String(parts[0]), query: query, headers: headers, body: body))
    }

    /// Uploads `bytes` as base64 JSON.
    func upload(_ bytes: [UInt8], title: String? = nil, token: String, query: String = "", headers: HTTPHeaders = [:]) -> Response {
        var object: [String: String] = ["image_base64": Data(bytes).base64EncodedString()]
        if let title { object["title"] = title }
        let body = (try? JSONSerialization.data(withJSONObject: object)).map { [UInt8]($0) } ?? []
        return send(.post, "/api/v1/images" + query, body: body, contentType: "application/json", token: token, headers: headers)
    }

    /// Uploads `bytes` as base64 JSON and returns the new picture's id.
    func uploadedID(_ bytes: [UInt8], token: String, query: String = "") throws -> Int {
        try #require(upload(bytes, token: token, query: query).object["id"] as? Int)
    }

    /// Images stored, deleted ones included.
    var imageCount: Int { images.read { $0.images.count } }
    /// Prediction rows stored.
    var predictionCount: Int { images.read { $0.predictions.count } }
}

extension ImageTestApp {
    /// A `multipart/form-data` body of these parts (a part named `file` is sent as a JPEG file) and its content type.
    static func multipart(_ parts: [(name: String, value: [UInt8])]) -> (body: [UInt8], contentType: String) {
        let boundary = "test-boundary-7MA4YWxk"
        var body: [UInt8] = []
        for part in parts {
            let file = part.name == "file" ? "; filename=\"picture.jpg\"\r\nContent-Type: image/jpeg" : ""
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"\(file)\r\n\r\n".utf8) + part.value + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// Sends `object` (a JSON-serialisable value) as the `application/json` body.
    func sendJSON(_ method: HTTPMethod, _ path: String, _ object: Any, token: String? = nil) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: object)).map { [UInt8]($0) } ?? []
        return send(method, path, body: body, contentType: "application/json", token: token)
    }
}
