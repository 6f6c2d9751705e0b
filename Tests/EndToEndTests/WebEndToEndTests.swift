import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A browser stand-in over real nginx: keeps cookies, does not follow redirects, posts forms with the
/// CSRF token of the page they came from. Plain HTTP/1.0 exchanges (``PlainHTTP``), one connection each.
final class WebClient: @unchecked Sendable {
    private let lock = NSLock()
    private var jar: [String: String] = [:]

    var cookies: [String: String] {
        get { lock.withLock { jar } }
        set { lock.withLock { jar = newValue } }
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let text: String
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
        /// The hidden `csrf_token` of the page.
        var csrfToken: String? {
            guard let range = text.range(of: #"name="csrf_token" value=""#) else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    func send(
        _ method: String, _ path: String, form: [(String, String)]? = nil, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> Reply {
        let base = try #require(EndToEnd.baseURL)
        var fields = headers.map { ($0.key, $0.value) }
        let jar = cookies
        if !jar.isEmpty {
            fields.append(("Cookie", jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        var payload = body
        if let form {
            fields.append(("Content-Type", "application/x-www-form-urlencoded"))
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            payload = Data(form.map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&").utf8)
        }
        let answer = try PlainHTTP.exchange(baseURL: base, method: method, path: path, headers: fields, body: payload)
        let reply = Reply(status: answer.status, headers: answer.headers, text: String(decoding: answer.body, as: UTF8.self))
        remember(reply.header("Set-Cookie"))
        return reply
    }

    /// Stores the cookies of a (possibly comma-joined) `Set-Cookie` header; `Max-Age=0` deletes.
    private func remember(_ header: String?) {
        guard let header else { return }
        for name in ["mlp_session", "mlp_csrf", "mlp_flash"] {
            guard let range = header.range(of: name + "=") else { continue }
            let rest = header[range.upperBound...]
            let value = String(rest.prefix { $0 != ";" && $0 != "," })
            let attributes = rest.prefix { $0 != "," }
            lock.withLock { jar[name] = attributes.contains("Max-Age=0") ? nil : value }
        }
    }

    /// GETs `page` and posts `fields` to `action` with its token, as a same-origin form.
    func submit(_ page: String, to action: String, _ fields: [(String, String)], origin: String? = nil) async throws -> Reply {
        let form = try await send("GET", page)
        let token = try #require(form.csrfToken, "no form token on \(page)")
        return try await send("POST", action, form: [("csrf_token", token)] + fields, headers: ["Origin": origin ?? EndToEnd.baseURL ?? ""])
    }

    /// Uploads through the form of `/images/new` (multipart, with the page's token); returns the redirect.
    func upload(_ picture: Data, filename: String, title: String) async throws -> Reply {
        let page = try await send("GET", "/images/new")
        let token = try #require(page.csrfToken, "no form token on /images/new")
        let boundary = "mlp-e2e-\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        for (name, value) in [("csrf_token", token), ("title", title)] {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8))
        body.append(picture)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await send("POST", "/images", headers: [
            "Content-Type": "multipart/form-data; boundary=\(boundary)", "Origin": EndToEnd.baseURL ?? "",
        ], body: body)
    }

    /// A new account, logged in.
    static func loggedIn() async throws -> (WebClient, String) {
        let client = WebClient()
        let username = "web-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let password = "web pages password"
        let signUp = try await client.submit("/signup", to: "/signup", [
            ("username", username), ("password", password), ("password_confirmation", password),
        ])
        #expect(signUp.status == 303)
        let login = try await client.submit("/login", to: "/login", [("username", username), ("password", password)])
        #expect(login.status == 303)
        return (client, username)
    }
}

@Suite("Through nginx: browser pages, session cookie and CSRF", .enabled(if: EndToEnd.isConfigured))
struct WebEndToEndTests {
    @Test func loginSetsAnHttpOnlyLaxCookieAndAWrongPasswordNone() async throws {
        let (client, username) = try await WebClient.loggedIn()
        let account = try await client.send("GET", "/account")
        #expect(account.status == 200)
        #expect(account.text.contains(username))

        let other = WebClient()
        let wrong = try await other.submit("/login", to: "/login", [("username", username), ("password", "wrong password!")])
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("Incorrect e-mail address or password."))
        #expect(wrong.header("Set-Cookie")?.contains("mlp_session=") != true)
        #expect(other.cookies["mlp_session"] == nil)

        let again = WebClient()
        let good = try await again.submit("/login", to: "/login", [("username", username), ("password", "web pages password")])
        let cookie = try #require(good.header("Set-Cookie"))
        let session = try #require(cookie.range(of: "mlp_session=")).upperBound
        let attributes = cookie[session...].prefix { $0 != "," }
        #expect(attributes.contains("Path=/"))
        #expect(attributes.contains("HttpOnly"))
        #expect(attributes.contains("SameSite=Lax"))
        #expect(!attributes.contains("Secure"), "plain http: no Secure attribute")
    }

    @Test func formsWithoutTheTokenOrFromAnotherOriginAreRefused() async throws {
        let (client, _) = try await WebClient.loggedIn()
        let origin = try #require(EndToEnd.baseURL)
        let noToken = try await client.send("POST", "/account/delete", form: [("confirm", "yes")], headers: ["Origin": origin])
        #expect(noToken.status == 403)
        #expect(noToken.header("Content-Type") == "text/html; charset=utf-8")
        #expect(try await client.send("GET", "/account").status == 200, "the account still exists and the session works")

        let foreign = try await client.submit("/account/delete", to: "/account/delete", [("confirm", "yes")], origin: "https://evil.example")
        #expect(foreign.status == 403)
        #expect(try await client.send("GET", "/account").status == 200)
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        let (client, _) = try await WebClient.loggedIn()
        let cookie = try #require(client.cookies["mlp_session"])
        let logout = try await client.submit("/account", to: "/logout", [])
        #expect(logout.status == 303)
        #expect(client.cookies["mlp_session"] == nil)
        let replay = try await EndToEnd.send("GET", "/api/v1/users/me", headers: ["Cookie": "mlp_session=\(cookie)"])
        #expect(replay.status == 401)
    }

    @Test func uploadedTitlesAreEscapedAndThePictureIsClassified() async throws {
        let (client, _) = try await WebClient.loggedIn()
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let upload = try await client.upload(coffee, filename: "coffee.jpg", title: "<script>alert(1)</script>")
        #expect(upload.status == 303)
        let detailPath = try #require(upload.header("Location"))
        let detail = try await client.send("GET", detailPath)
        #expect(detail.status == 200)
        #expect(detail.text.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(!detail.text.contains("<script>alert(1)</script>"))
        #expect(detail.text.contains(#"<a class="prediction-label" href="/images?label=espresso""#))
        let gallery = try await client.send("GET", "/images")
        #expect(gallery.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!gallery.text.contains("<script>alert(1)</script>"))
        // The label leads to the pictures that have it; the labels page counts it.
        let labelled = try await client.send("GET", "/images?label=espresso")
        #expect(labelled.text.contains("Pictures labelled “espresso”"))
        #expect(labelled.text.contains(#"href="\#(detailPath)""#))
        let labels = try await client.send("GET", "/labels")
        #expect(labels.status == 200)
        #expect(labels.text.contains(#"<th scope="row"><a href="/images?label=espresso">espresso</a></th>"#))
        let deleted = try await client.submit(detailPath + "/delete", to: detailPath + "/delete", [])
        #expect(deleted.status == 303)
        #expect(try await client.send("GET", detailPath).status == 404)
    }

    @Test func pagesCarryTheSecurityHeadersAndTheStylesheetIsServed() async throws {
        let page = try await WebClient().send("GET", "/login")
        #expect(page.status == 200)
        #expect(page.header("Content-Security-Policy")?.contains("script-src 'none'") == true)
        #expect(page.header("X-Frame-Options") == "DENY")
        #expect(page.header("Referrer-Policy") == "same-origin")
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        let css = try await WebClient().send("GET", "/assets/mlp.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type")?.hasPrefix("text/css") == true)
        let method = try await WebClient().send("GET", "/logout")
        #expect(method.status == 405)
        #expect(method.header("Allow") == "POST")
        #expect(method.header("Content-Type") == "text/html; charset=utf-8")
    }
}
