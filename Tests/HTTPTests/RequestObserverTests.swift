import FastCGI
import Logging
import Synchronization
import Testing
@testable import HTTP

@Suite("Responder: request observer")
struct RequestObserverTests {
    @Test func observerSeesPatternStatusAndRequestID() throws {
        let seen = Mutex<[RequestObservation]>([])
        var router = Router()
        router.get("/items/:id") { _ in .text("ok") }
        let responder = HTTPResponder(
            router: router, logger: Logger(label: "test"), maxBodyBytes: 100,
            observer: { observation in seen.withLock { $0.append(observation) } }
        )
        let found = responder.respond(to: FastCGIRequest(params: [
            "REQUEST_METHOD": "GET", "REQUEST_URI": "/items/42", "HTTP_X_REQUEST_ID": "trace-1",
        ]))
        let missing = responder.respond(to: FastCGIRequest(params: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/nowhere"]))
        #expect(found.status == 200)
        #expect(missing.status == 404)
        let observations = seen.withLock { $0 }
        try #require(observations.count == 2)
        #expect(observations[0].pattern == "/items/:id")
        #expect(observations[0].path == "/items/42")
        #expect(observations[0].status == 200)
        #expect(observations[0].requestID == "trace-1")
        #expect(observations[0].seconds >= 0)
        #expect(observations[1].pattern == nil)
        #expect(observations[1].status == 404)
        #expect(observations[1].requestID.count == 16)
    }
}
