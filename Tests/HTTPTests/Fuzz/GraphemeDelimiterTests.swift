import FastCGI
import Testing
@testable import HTTP

/// Found by the cookie fuzz test: splitting on `Character`s missed a delimiter that a prepended mark
/// (U+0600–U+0605) or a following combining mark fuses into one grapheme cluster. The parsers split on UTF-8.
@Suite("Delimiters fused into grapheme clusters")
struct GraphemeDelimiterTests {
    @Test func cookieSeparatorAfterAPrependedMark() {
        var headers = HTTPHeaders()
        headers.add("Cookie", "a=\u{0602};b=2")
        let cookies = Request(method: .get, path: "/", headers: headers).cookies
        #expect(cookies == ["a": "\u{0602}", "b": "2"])
    }

    @Test func formSeparatorBeforeACombiningMark() {
        let form = URLEncodedForm(parsing: "a=1&\u{0301}b=2")
        #expect(form.pairs.count == 2)
        #expect(form["a"] == "1")
    }

    @Test func pathSeparatorBeforeACombiningMark() {
        let request = Request(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/a/\u{0301}b"]))
        #expect(request?.pathSegments == ["a", "\u{0301}b"])
    }
}
