import FastCGI
import Testing
@testable import HTTP

@Suite("Request from FastCGI parameters")
struct RequestFastCGITests {
    @Test func mapsMethodPathQueryHeadersAndAddress() throws {
        let incoming = FastCGIRequest(params: [
            "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/v1/images/%31/a%2Fb?limit=5&label=tabby+cat",
            "QUERY_STRING": "limit=5&label=tabby+cat", "HTTP_X_REQUEST_ID": "abc", "HTTP_ACCEPT_LANGUAGE": "en",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": "2", "REMOTE_ADDR": "10.1.2.3", "HTTPS": "on",
        ], body: Array("{}".utf8))
        let request = try #require(Request(fastCGI: incoming))
        #expect(request.method == .post)
        #expect(request.pathSegments == ["api", "v1", "images", "1", "a/b"])
        #expect(request.query["limit"] == "5")
        #expect(request.query["label"] == "tabby cat")
        #expect(request.headers["x-request-id"] == "abc")
        #expect(request.headers["Accept-Language"] == "en")
        #expect(request.mediaType == "application/json")
        #expect(request.remoteAddress == "10.1.2.3")
        #expect(request.isSecure)
        #expect(request.body == Array("{}".utf8))
    }

    @Test func brokenPathEncodingIsRefused() {
        #expect(Request(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/a/%zz"])) == nil)
        #expect(Request(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/a/%ff"])) == nil)
    }

    @Test func plainHTTPIsNotSecure() throws {
        let request = try #require(Request(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/", "HTTPS": ""])))
        #expect(!request.isSecure)
    }
}
