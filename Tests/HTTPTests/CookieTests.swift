import Testing
@testable import HTTP

@Suite("Cookies")
struct CookieTests {
    @Test func parsesCookieHeader() {
        var headers = HTTPHeaders()
        headers.add("Cookie", "a=1; b=\"two\";c=3=4; broken; a=ignored")
        let cookies = Request(method: .get, path: "/", headers: headers).cookies
        #expect(cookies == ["a": "1", "b": "two", "c": "3=4"])
    }

    @Test func setCookieAttributes() {
        let cookie = SetCookie(name: "__Host-mlp_session", value: "t", maxAge: 60, secure: true)
        #expect(cookie.headerValue == "__Host-mlp_session=t; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax")
        #expect(SetCookie.expired("s", secure: false).headerValue == "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
    }
}
