import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The "Your label" card of a picture's page and the agreement table of the labels page.
@Suite struct LabelPagesTests {
    private func picture(_ app: WebTestApp, _ bytes: [UInt8] = FakePictures.jpeg()) throws -> String {
        try #require(try app.upload(bytes).headers["Location"])
    }

    @Test func confirmingTheModelsTopLabelIsOneClick() throws {
        let app = try WebTestApp().loggedIn()
        let path = try picture(app)
        let page = app.send(.get, path).text
        #expect(page.contains("What does this picture show?"))
        #expect(page.contains(#"<input type="hidden" name="label" value="espresso">"#))
        #expect(page.contains("Yes, it is espresso</button>"))
        #expect(page.contains(#"<datalist id="label-suggestions"><option value="espresso"><option value="cup">"#))

        let saved = try app.submit(path, to: path + "/label", [("label", "espresso")])
        #expect(saved.status == .seeOther)
        #expect(saved.headers["Location"] == path + "#label")
        let after = app.send(.get, path).text
        #expect(after.contains("Your label was saved."))
        #expect(after.contains(#"You say: <strong class="user-label">espresso</strong>."#))
        #expect(after.contains("The model agrees."))
        #expect(!after.contains("Yes, it is"))
        #expect(after.contains("Remove your label</button>"))
    }

    @Test func aLabelOfTheOwnersOwnIsComparedOnTheLabelsPage() throws {
        let app = try WebTestApp().loggedIn()
        let coffee = try picture(app)
        let cat = try picture(app, FakePictures.png("cat"))
        #expect(app.send(.get, "/labels").text.contains("Give a picture a label of your own"))
        try app.submit(coffee, to: coffee + "/label", [("label", "Flat white")])
        try app.submit(cat, to: cat + "/label", [("label", "Tabby Cat")])
        #expect(app.send(.get, coffee).text.contains("The model&#39;s top label is different.") || app.send(.get, coffee).text.contains("The model's top label is different."))
        #expect(app.send(.get, "/images").text.contains(#"<span class="tile-user-label">You: Flat white</span>"#))
        let labels = app.send(.get, "/labels").text
        #expect(labels.contains("How often the model agrees with you"))
        #expect(labels.contains(#"<th scope="row">fake-net 1</th>"#))
        #expect(labels.contains(#"<td class="number">2</td>"#))
        #expect(labels.contains("1 (50.0 %)"))
        #expect(!labels.contains("Give a picture a label of your own"))

        #expect(labels.contains(#"<a href="/images?agreement=disagree">See the pictures whose top label is not yours</a>"#))
        let disagreeing = app.send(.get, "/images?agreement=disagree").text
        #expect(disagreeing.contains("Pictures whose top label from the model is not the one you gave them."))
        #expect(disagreeing.contains("You: Flat white"))
        #expect(!disagreeing.contains("You: Tabby Cat"), "the cat's top label is its owner's")
        #expect(app.send(.get, "/images?agreement=unlabelled").text.contains("You have labelled every picture."))
        #expect(app.send(.get, "/images?agreement=nonsense").text.contains("You: Tabby Cat"), "an unknown value filters nothing")

        let removed = try app.submit(coffee, to: coffee + "/label/delete", [])
        #expect(removed.status == .seeOther)
        let page = app.send(.get, coffee).text
        #expect(page.contains("Your label was removed."))
        #expect(page.contains("What does this picture show?"))
        #expect(app.send(.get, "/labels").text.contains("1 (100.0 %)"))
    }

    @Test func aRefusedLabelIsShownAgainWithWhy() throws {
        let app = try WebTestApp().loggedIn()
        let path = try picture(app)
        let blank = try app.submit(path, to: path + "/label", [("label", "   ")])
        #expect(blank.status == .unprocessableContent)
        #expect(blank.text.contains(#"<p class="field-error" id="label-error">Must not be empty.</p>"#))
        let long = String(repeating: "x", count: 256)
        let tooLong = try app.submit(path, to: path + "/label", [("label", long)])
        #expect(tooLong.status == .unprocessableContent)
        #expect(tooLong.text.contains(#"value="\#(long)""#), "what was typed is kept")
        let script = try app.submit(path, to: path + "/label", [("label", "<script>alert(1)</script>")])
        #expect(script.status == .seeOther)
        let page = app.send(.get, path).text
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert(1)</script>"))
    }

    @Test func anotherUsersPictureCannotBeLabelled() throws {
        let owner = try WebTestApp().loggedIn()
        let path = try picture(owner)
        let other = WebTestApp.sharing(owner)
        try other.signUp("mallory@example.com")
        try other.logIn("mallory@example.com")
        #expect(try other.submit("/images", to: path + "/label", [("label", "mine")]).status == .notFound)
        #expect(try other.submit("/images", to: path + "/label/delete", []).status == .notFound)
        #expect(owner.send(.get, path).text.contains("What does this picture show?"))
    }
}
