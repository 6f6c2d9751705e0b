import FastCGI
import Testing
@testable import HTTP

/// Found by the cookie fuzz test: the cookie, form and path parsers split on `Character`s, so a delimiter that a
/// prepended mark (U+0600–U+0605) or a following combining mark fuses into one grapheme cluster is not seen.
/// Splitting on `utf8` fixes it; then these known issues stop being recorded and `withKnownIssue` must go.
@Suite("Delimiters fused into grapheme clusters")
struct GraphemeDelimiterTests {
    @Test func cookieSeparatorAfterAPrependedMark() {
        var headers = HTTPHeaders()
        headers.add("Cookie", "a=\u{0602};b=2")
        let cookies = Request(method: .get, path: "/", headers: headers).cookies
        withKnownIssue("Request.cookies splits on Characters") {
            #expect(cookies == ["a": "\u{0602}", "b": "2"])
        }
    }

    @Test func formSeparatorBeforeACombiningMark() {
        let form = URLEncodedForm(parsing: "a=1&\u{0301}b=2")
        withKnownIssue("URLEncodedForm splits on Characters") {
            #expect(form.pairs.count == 2)
            #expect(form["a"] == "1")
        }
    }

    @Test func pathSeparatorBeforeACombiningMark() {
        let request = Request(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/a/\u{0301}b"]))
        withKnownIssue("Request(fastCGI:) splits the path on Characters") {
            #expect(request?.pathSegments == ["a", "\u{0301}b"])
        }
    }
}
