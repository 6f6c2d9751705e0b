import Testing
@testable import HTTP

@Suite("Multipart form data")
struct MultipartFormDataTests {
    /// JPEG-like bytes holding everything that must not end a part: CR LF, `--`, and boundary prefixes.
    static let trickyFile: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x0D, 0x0A, 0x2D, 0x2D, 0x00]
        + Array("\r\n--".utf8) + Array("\r\n------WebKitFormBoundary7MA4".utf8) + Array("--\r\n\n\r".utf8)
        + Array("\r\n------WebKitFormBoundary7MA4YWxkTrZu0gWX".utf8)  // boundary followed by text: data, not a delimiter
        + [0x00, 0x0D, 0xFF, 0xD9, 0x0D]

    @Test func chromeStyleBodyWithFileAndTitle() throws {
        var body = MultipartBody()
        body.field("title", "My cat – “Tabby”")
        body.file("file", filename: "cat.jpg", contentType: "image/jpeg", Self.trickyFile)
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.parts.count == 2)
        #expect(form.text(named: "title") == "My cat – “Tabby”")
        let file = try #require(form.part(named: "file"))
        #expect(file.filename == "cat.jpg")
        #expect(file.contentType == "image/jpeg")
        #expect(file.body == Self.trickyFile)
        #expect(file.headers["content-disposition"]?.hasPrefix("form-data;") == true)
        #expect(form.part(named: "title")?.filename == nil)
        #expect(form.part(named: "missing") == nil)
    }

    @Test func firefoxStyleBodyWithEmptyFileInput() throws {
        var body = MultipartBody(boundary: "---------------------------9051914041544843365972754266")
        body.field("title", "")
        body.file("file", filename: "", contentType: "application/octet-stream", [])
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.text(named: "title") == "")
        #expect(form.part(named: "file")?.filename == "")
        #expect(form.part(named: "file")?.body == [])
    }

    @Test func quotedBoundaryWithSpaceAndOtherParameters() throws {
        var body = MultipartBody(boundary: "simple boundary")
        body.field("a", "1")
        let form = try MultipartFormData(
            parsing: body.bytes, contentType: #"Multipart/Form-Data; charset=utf-8; BOUNDARY="simple boundary""#
        )
        #expect(form.text(named: "a") == "1")
    }

    @Test func preambleAndEpilogueAreIgnored() throws {
        var body = MultipartBody(boundary: "xyz")
        body.preamble = "This is the preamble.\r\n--xyzNOT a delimiter\r\n"
        body.epilogue = "This is the epilogue.\r\n--xyz\r\n"
        body.field("a", "1")
        body.field("b", "2")
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.parts.map(\.name) == ["a", "b"])
        #expect(form.parts.map(\.text) == ["1", "2"])
    }

    @Test func bareLineFeedsAreAccepted() throws {
        var body = MultipartBody(boundary: "b")
        body.lineEnd = "\n"
        body.field("a", "line one\r\nline two")
        body.file("f", filename: "x.bin", contentType: "application/octet-stream", [0x0A, 0x0D, 0x0A])
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.text(named: "a") == "line one\r\nline two")
        #expect(form.part(named: "f")?.body == [0x0A, 0x0D, 0x0A])
    }

    @Test func transportPaddingAfterDelimiters() throws {
        let text = "--b \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b  \r\n"
            + "Content-Disposition: form-data; name=b\r\n\r\nw\r\n--b--  junk"
        let form = try MultipartFormData(parsing: Array(text.utf8), contentType: "multipart/form-data; boundary=b")
        #expect(form.parts.map(\.text) == ["v", "w"])
    }

    @Test func quotedFilenamesEscapesAndExtendedValue() throws {
        var body = MultipartBody(boundary: "b")
        body.raw(headers: [#"Content-Disposition: form-data; name="q"; filename="say \"hi\".png""#], [1])
        body.raw(headers: [#"Content-Disposition: form-data; name="w"; filename="C:\dir\a.jpg""#], [2])
        body.raw(headers: [#"Content-Disposition: form-data; name="e"; filename="a.jpg"; filename*=UTF-8''na%C3%AFve%20cat.jpg"#], [3])
        body.raw(headers: [#"content-disposition:FORM-DATA;NAME="semi;colon""#, "X-Extra: 1"], [4])
        body.raw(headers: ["Content-Disposition: form-data; name=\"m\"; filename*=utf-8'en'\u{301}x.png"], [6])
        body.raw(headers: [#"Content-Disposition: form-data; name="l"; filename="ok.png"; filename*=ISO-8859-1''%E9.png"#], [7])
        body.raw(headers: ["Content-Disposition: form-data; name=\"caf\u{E9}\"; filename=\"\u{1F431}.png\""], [5])
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.part(named: "q")?.filename == #"say "hi".png"#)
        #expect(form.part(named: "w")?.filename == #"C:\dir\a.jpg"#)
        #expect(form.part(named: "e")?.filename == "naïve cat.jpg")
        #expect(form.part(named: "semi;colon")?.headers["x-extra"] == "1")
        #expect(form.part(named: "café")?.filename == "🐱.png")
        #expect(form.part(named: "m")?.filename == "\u{301}x.png")
        #expect(form.part(named: "l")?.filename == "ok.png")  // only UTF-8 extended values are read
    }

    @Test func emptyFormHasNoParts() throws {
        let form = try MultipartFormData(parsing: Array("--b--\r\n".utf8), contentType: "multipart/form-data; boundary=b")
        #expect(form.parts.isEmpty)
    }

    @Test func textIsNilForInvalidUTF8AndPartsNamedKeepsOrder() throws {
        var body = MultipartBody(boundary: "b")
        body.raw(headers: [#"Content-Disposition: form-data; name="tag""#], [0xC3, 0x28])
        body.field("tag", "second")
        let form = try MultipartFormData(parsing: body.bytes, contentType: body.contentType)
        #expect(form.text(named: "tag") == nil)
        #expect(form.parts(named: "tag").map(\.body) == [[0xC3, 0x28], Array("second".utf8)])
    }
}
