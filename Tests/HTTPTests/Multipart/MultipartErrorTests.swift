import Testing
@testable import HTTP

@Suite("Multipart errors and limits")
struct MultipartErrorTests {
    static func parse(_ body: MultipartBody, limits: MultipartLimits = MultipartLimits()) throws(MultipartError) -> MultipartFormData {
        try MultipartFormData(parsing: body.bytes, contentType: body.contentType, limits: limits)
    }

    static func error(_ work: () throws(MultipartError) -> MultipartFormData) -> MultipartError? {
        do {
            _ = try work()
            return nil
        } catch {
            return error
        }
    }

    static var simple: MultipartBody {
        var body = MultipartBody(boundary: "AaB03x")
        body.field("title", "cat")
        return body
    }

    @Test(arguments: [
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data; charset=utf-8", "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=" + String(repeating: "a", count: 71), "multipart/form-data; boundary=a{b}",
        "multipart/form-data; boundary=\"ends with space \"", "multipart/form-data; boundary=\"caf\u{E9}\"",
    ])
    func missingOrInvalidBoundary(contentType: String) {
        let error = Self.error { () throws(MultipartError) in
            try MultipartFormData(parsing: Self.simple.bytes, contentType: contentType)
        }
        #expect(error?.code == .missingBoundary)
        #expect(error?.problem.status == 400)
    }

    @Test func seventyCharacterBoundaryIsAccepted() throws {
        var body = MultipartBody(boundary: String(repeating: "'()+_,-./:=?", count: 5) + "abcdefghXY")
        body.field("a", "1")
        #expect(body.boundary.count == 70)
        #expect(try Self.parse(body).text(named: "a") == "1")
    }

    @Test func wrongBoundaryIsMalformed() {
        let error = Self.error { () throws(MultipartError) in
            try MultipartFormData(parsing: Self.simple.bytes, contentType: "multipart/form-data; boundary=AaB03y")
        }
        #expect(error?.code == .malformed)
        #expect(error?.problem.type == "/problems/malformed-multipart")
    }

    @Test func emptyBodyIsMalformed() {
        let error = Self.error { () throws(MultipartError) in
            try MultipartFormData(parsing: [], contentType: "multipart/form-data; boundary=b")
        }
        #expect(error?.code == .malformed)
        #expect(error?.detail == "The multipart body is empty.")
    }

    @Test func missingClosingDelimiterIsTruncated() {
        var body = Self.simple
        body.closed = false
        #expect(Self.error { () throws(MultipartError) in try Self.parse(body) }?.code == .truncated)
        // Cut anywhere from the opening boundary to the final "--": always truncated, never a shorter success.
        let full = Self.simple.bytes
        let closeAt = full.count - "--\r\n".count
        for length in "--AaB03x".utf8.count..<closeAt {
            let error = Self.error { () throws(MultipartError) in
                try MultipartFormData(parsing: Array(full[..<length]), contentType: Self.simple.contentType)
            }
            #expect(error?.code == .truncated, "cut at \(length)")
        }
    }

    @Test func partWithoutContentDispositionIsMalformed() {
        var body = MultipartBody(boundary: "b")
        body.raw(headers: ["Content-Type: text/plain"], Array("x".utf8))
        #expect(Self.error { () throws(MultipartError) in try Self.parse(body) }?.code == .malformed)
        var attachment = MultipartBody(boundary: "b")
        attachment.raw(headers: [#"Content-Disposition: attachment; name="a""#], Array("x".utf8))
        #expect(Self.error { () throws(MultipartError) in try Self.parse(attachment) }?.code == .malformed)
    }

    @Test func headerLineWithoutColonIsMalformed() {
        var body = MultipartBody(boundary: "b")
        body.raw(headers: [#"Content-Disposition: form-data; name="a""#, "no colon here"], Array("x".utf8))
        let error = Self.error { () throws(MultipartError) in try Self.parse(body) }
        #expect(error?.code == .malformed)
        #expect(error?.detail == "Part 1 has a malformed header line.")
    }

    @Test func partOverTheCapIs413() throws {
        var body = MultipartBody(boundary: "b")
        body.field("title", "ok")
        body.file("file", filename: "big.jpg", contentType: "image/jpeg", [UInt8](repeating: 7, count: 1001))
        let limits = MultipartLimits(maxPartBytes: 1000)
        let error = Self.error { () throws(MultipartError) in try Self.parse(body, limits: limits) }
        #expect(error?.code == .partTooLarge)
        #expect(error?.detail == "Part 2 is over the limit of 1000 bytes.")
        #expect(error?.problem.status == 413)
        // Exactly at the cap is fine.
        var atCap = MultipartBody(boundary: "b")
        atCap.file("file", filename: "ok.jpg", contentType: "image/jpeg", [UInt8](repeating: 7, count: 1000))
        #expect(try Self.parse(atCap, limits: limits).part(named: "file")?.body.count == 1000)
    }

    @Test func tooManyParts() throws {
        var body = MultipartBody(boundary: "b")
        for index in 0..<21 { body.field("f\(index)", "v") }
        let error = Self.error { () throws(MultipartError) in try Self.parse(body) }
        #expect(error?.code == .tooManyParts)
        #expect(error?.problem.status == 400)
        #expect(error?.problem.type == "/problems/too-many-parts")
        var twenty = MultipartBody(boundary: "b")
        for index in 0..<20 { twenty.field("f\(index)", "v") }
        #expect(try Self.parse(twenty).parts.count == 20)
    }

    @Test func headerBlockTooLarge() throws {
        var body = MultipartBody(boundary: "b")
        body.raw(headers: [#"Content-Disposition: form-data; name="a""#, "X-Pad: " + String(repeating: "p", count: 9000)], [1])
        let error = Self.error { () throws(MultipartError) in try Self.parse(body) }
        #expect(error?.code == .headersTooLarge)
        #expect(error?.problem.status == 400)
        var small = MultipartBody(boundary: "b")
        small.raw(headers: [#"Content-Disposition: form-data; name="a""#, "X-Pad: " + String(repeating: "p", count: 8000)], [1])
        #expect(try Self.parse(small).parts.count == 1)
    }

    @Test func everyCodeMapsToAProblem() {
        let expected: [(MultipartError.Code, Int, String)] = [
            (.missingBoundary, 400, "/problems/missing-boundary"), (.malformed, 400, "/problems/malformed-multipart"),
            (.truncated, 400, "/problems/truncated-multipart"), (.partTooLarge, 413, "/problems/content-too-large"),
            (.tooManyParts, 400, "/problems/too-many-parts"),
            (.headersTooLarge, 400, "/problems/multipart-headers-too-large"),
        ]
        for (code, status, type) in expected {
            let problem = MultipartError(code, "Because.").problem
            #expect(problem.status == status, "\(code)")
            #expect(problem.type == type, "\(code)")
            #expect(problem.detail == "Because.")
        }
    }
}
