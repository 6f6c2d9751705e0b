import FastCGI
import Foundation
import Logging
import Testing
@testable import HTTP

@Suite("Responder: error manager and JSON bodies")
struct ResponderTests {
    private struct Signup: StrictDecodable, Encodable {
        static let fieldNames: Set<String> = ["username", "age"]
        let username: String
        let age: Int?
    }

    private struct Secret: Error {}
    private struct Known: Error {}

    private func responder() -> HTTPResponder {
        var router = Router()
        router.post("/signup") { request in try .json(request.decodeJSON(Signup.self), status: .created) }
        router.get("/crash") { _ in throw Secret() }
        router.get("/known") { _ in throw Known() }
        return HTTPResponder(
            router: router,
            errorMapper: { $0 is Known ? ProblemDetails(type: "known", title: "Known", status: .conflict) : nil },
            logger: Logger(label: "test"), maxBodyBytes: 100
        )
    }

    private func post(_ body: String, contentType: String? = "application/json") -> Response {
        var headers = HTTPHeaders()
        if let contentType { headers.add("Content-Type", contentType) }
        return responder().respond(to: Request(method: .post, path: "/signup", headers: headers, body: Array(body.utf8)))
    }

    private func problem(_ response: Response) throws -> [String: Any] {
        #expect(response.headers["Content-Type"] == "application/problem+json")
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func accessLogMillisecondsHaveTwoDecimals() {
        #expect(HTTPResponder.milliseconds(0) == "0.00")
        #expect(HTTPResponder.milliseconds(0.000_004) == "0.00")
        #expect(HTTPResponder.milliseconds(0.000_006) == "0.01")
        #expect(HTTPResponder.milliseconds(0.001_234) == "1.23")
        #expect(HTTPResponder.milliseconds(0.0125) == "12.50")
        #expect(HTTPResponder.milliseconds(3.141_59) == "3141.59")
        #expect(HTTPResponder.milliseconds(-1) == "0.00")
    }

    @Test func validJSONIsDecoded() throws {
        let response = post(#"{"username":"a@b.co","age":3}"#)
        #expect(response.status == .created)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"age":3,"username":"a@b.co"}"#)
    }

    @Test func malformedJSONIs400() throws {
        let response = post(#"{"username": "#)
        #expect(response.status.code == 400)
        #expect(try problem(response)["type"] as? String == "/problems/malformed-json")
    }

    @Test func wrongContentTypeIs415() throws {
        #expect(post(#"{"username":"x"}"#, contentType: "text/plain").status.code == 415)
        #expect(post(#"{"username":"x"}"#, contentType: nil).status.code == 415)
    }

    @Test func unknownMissingAndMistypedFieldsAre422WithFieldErrors() throws {
        let unknown = try problem(post(#"{"username":"x","is_admin":true}"#))
        #expect(unknown["status"] as? Int == 422)
        let errors = try #require(unknown["errors"] as? [[String: String]])
        #expect(errors == [["field": "is_admin", "message": "Unknown field."]])

        let missing = try problem(post(#"{"age":1}"#))
        #expect((missing["errors"] as? [[String: String]])?.first?["field"] == "username")

        let mistyped = try problem(post(#"{"username":5}"#))
        #expect((mistyped["errors"] as? [[String: String]])?.first?["message"] == "Expected a string.")
    }

    @Test func numbersThatAreNoIntegersOfAnIntegerFieldAre422OnThatField() throws {
        // Foundation's decoder calls these bodies "not valid JSON"; they are valid, with a value out of place.
        for age in ["1.5", "1e30", "99999999999999999999", "-9223372036854775809"] {
            let response = post(#"{"username":"a@b.co","age":\#(age)}"#)
            #expect(response.status.code == 422, "\(age)")
            let errors = try problem(response)["errors"] as? [[String: String]]
            #expect(errors == [["field": "age", "message": "Expected an integer that fits in 64 bits."]], "\(age)")
        }
        #expect(post(#"{"username":"a@b.co","age":-0}"#).status == .created)
        #expect(post(#"{"username":"a@b.co","age":12}"#).status == .created)
        #expect(post(#"{"username":"a@b.co","age":1.5"#).status.code == 400, "not JSON: still a 400")
    }

    @Test func unexpectedErrorIsAnOpaque500WithRequestID() throws {
        let response = responder().respond(to: Request(method: .get, path: "/crash"))
        #expect(response.status.code == 500)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(!body.contains("Secret"))
        #expect(response.headers["X-Request-Id"]?.isEmpty == false)
    }

    @Test func mappedErrorUsesTheMapper() {
        #expect(responder().respond(to: Request(method: .get, path: "/known")).status.code == 409)
    }

    @Test func bodyOverTheCapIs413() throws {
        let request = Request(method: .post, path: "/signup", bodyTooLarge: true)
        let response = responder().respond(to: request)
        #expect(response.status.code == 413)
        #expect(try problem(response)["type"] as? String == "/problems/content-too-large")
    }

    @Test func headRequestHasNoBodyButTheLength() {
        var router = Router()
        router.get("/x") { _ in .text("hello") }
        let responder = HTTPResponder(router: router, logger: Logger(label: "t"), maxBodyBytes: 10)
        let response = responder.respond(to: Request(method: .head, path: "/x"))
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Length"] == "5")
    }

    @Test func aBodyInPartsIsCountedWholeAndDroppedForHEAD() {
        var router = Router()
        let parts: [[UInt8]] = [Array("{\"a\":\"".utf8), [UInt8](repeating: 65, count: 70_000), [], Array("\"}".utf8)]
        router.get("/x") { _ in Response(contentType: "application/json", bodyParts: parts) }
        let responder = HTTPResponder(router: router, logger: Logger(label: "t"), maxBodyBytes: 10)
        let response = responder.respond(to: Request(method: .get, path: "/x"))
        #expect(response.headers["Content-Length"] == "70008")
        #expect(response.body == Array(parts.joined()))
        let fastCGI = responder.respond(to: FastCGIRequest(params: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/x"], body: []))
        #expect(fastCGI.body == Array(parts.joined()))
        #expect(fastCGI.headers.contains { $0.name == "Content-Length" && $0.value == "70008" })
        let head = responder.respond(to: Request(method: .head, path: "/x"))
        #expect(head.body.isEmpty && head.bodyCount == 0)
        #expect(head.headers["Content-Length"] == "70008")
    }

    @Test func clientRequestIDIsKeptWhenPlainAndReplacedWhenNot() {
        var router = Router()
        router.get("/x") { _ in .text("") }
        let responder = HTTPResponder(router: router, logger: Logger(label: "t"), maxBodyBytes: 10)
        var request = Request(method: .get, path: "/x")
        request.requestID = RequestID.make(from: "abc-123")
        #expect(responder.respond(to: request).headers["X-Request-Id"] == "abc-123")
        #expect(RequestID.make(from: "bad value\n") != "bad value\n")
        #expect(RequestID.make(from: nil).count == 16)
    }
}

@Suite("Responder: streamed bodies")
struct StreamedResponderTests {
    private struct Broken: Error {}

    private func responder() -> HTTPResponder {
        var router = Router()
        router.get("/stream") { request in
            let fails = request.query["fail"] == "yes"
            return Response(headers: ["Content-Type": "text/plain"], stream: StreamedBody { sink in
                try sink(Array("one ".utf8))
                if fails { throw Broken() }
                try sink(Array("two".utf8))
            })
        }
        return HTTPResponder(router: router, logger: Logger(label: "test"), maxBodyBytes: 100)
    }

    private func fastCGI(_ target: String, method: String = "GET") -> FastCGIResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return responder().respond(to: FastCGIRequest(params: [
            "REQUEST_METHOD": method, "REQUEST_URI": target, "QUERY_STRING": parts.count > 1 ? parts[1] : "",
        ]))
    }

    @Test func theStreamReachesTheFastCGIAnswerWithoutAContentLength() {
        let answer = fastCGI("/stream")
        #expect(answer.status == 200)
        #expect(!answer.headers.contains { $0.name == "Content-Length" })
        #expect(answer.headers.contains { $0.name == "Content-Type" && $0.value == "text/plain" })
        var sent: [UInt8] = []
        #expect(answer.stream?({ sent += $0; return true }) == true)
        #expect(sent == Array("one two".utf8))
    }

    @Test func aProducerErrorOrAGoneClientReportsTheBodyUnfinished() {
        var sent: [UInt8] = []
        #expect(fastCGI("/stream?fail=yes").stream?({ sent += $0; return true }) == false)
        #expect(sent == Array("one ".utf8))
        var attempts = 0
        #expect(fastCGI("/stream").stream?({ _ in attempts += 1; return false }) == false)
        #expect(attempts == 1, "nothing more is produced once the web server stopped taking it")
    }

    @Test func headGetsTheHeadersOnly() {
        let answer = fastCGI("/stream", method: "HEAD")
        #expect(answer.status == 200)
        #expect(answer.stream == nil && answer.body.isEmpty)
    }
}
