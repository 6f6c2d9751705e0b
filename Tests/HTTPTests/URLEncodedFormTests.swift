import Testing
@testable import HTTP

@Suite("URL-encoded forms and query strings")
struct URLEncodedFormTests {
    @Test func parsesPairsInOrderWithDecoding() {
        let form = URLEncodedForm(parsing: "username=a%40b.com&password=two+words&x=%C3%A9&x=2&empty=&flag")
        #expect(form["username"] == "a@b.com")
        #expect(form["password"] == "two words")
        #expect(form.values("x") == ["é", "2"])
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["missing"] == nil)
        #expect(!form.hadInvalidPairs)
    }

    @Test(arguments: ["a=%", "a=%zz", "a=%C3", "%FF=1"])
    func brokenEscapesAreDroppedAndFlagged(text: String) {
        let form = URLEncodedForm(parsing: text + "&ok=1")
        #expect(form.hadInvalidPairs)
        #expect(form["ok"] == "1")
        #expect(form.pairs.count == 1)
    }

    @Test func pairCountIsCapped() {
        let text = (0..<5000).map { "k\($0)=v" }.joined(separator: "&")
        #expect(URLEncodedForm(parsing: text).pairs.count == URLEncodedForm.maxPairs)
    }

    @Test func nonUTF8BodyGivesAnEmptyFlaggedForm() {
        let form = URLEncodedForm(parsing: [0xff, 0xfe, 0x3d])
        #expect(form.pairs.isEmpty)
        #expect(form.hadInvalidPairs)
    }
}
