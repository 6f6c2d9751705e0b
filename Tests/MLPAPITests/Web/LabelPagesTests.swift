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

    @Test func picturesCanBeLabelledOneByOne() throws {
        let app = try WebTestApp().loggedIn()
        let (first, second, third) = (try picture(app), try picture(app, FakePictures.png("cat")), try picture(app))
        func id(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        #expect(app.send(.get, "/labels").text.contains(#"<a href="/images/next-unlabelled">Label your pictures one by one</a>"#))
        #expect(!app.send(.get, third).text.contains("Skip this one"), "only in labelling mode")

        // The newest picture without a label first, in labelling mode.
        let start = app.send(.get, "/images/next-unlabelled")
        #expect(start.status == .seeOther)
        #expect(start.headers["Location"] == third + "?labelling=1#label")
        let page = app.send(.get, third + "?labelling=1").text
        #expect(page.contains("Labelling your pictures one by one."))
        #expect(page.components(separatedBy: #"<input type="hidden" name="next" value="unlabelled">"#).count == 3, "both label forms")
        #expect(page.contains(#"<a href="/images/next-unlabelled?before=\#(id(third))">Skip this one</a>"#))
        #expect(page.contains(#"<a href="\#(third)">Stop</a>"#))

        // Saving goes on to the next older picture without a label, with the notice.
        let saved = try app.submit(third + "?labelling=1", to: third + "/label", [("label", "espresso"), ("next", "unlabelled")])
        #expect(saved.status == .seeOther)
        #expect(saved.headers["Location"] == "/images/next-unlabelled?before=\(id(third))")
        #expect(app.send(.get, "/images/next-unlabelled?before=\(id(third))").headers["Location"] == second + "?labelling=1#label")
        #expect(app.send(.get, second + "?labelling=1").text.contains("Your label was saved."))

        // Skipping the second picture leads to the first; a refused label keeps the mode.
        #expect(app.send(.get, "/images/next-unlabelled?before=\(id(second))").headers["Location"] == first + "?labelling=1#label")
        let blank = try app.submit(first + "?labelling=1", to: first + "/label", [("label", "  "), ("next", "unlabelled")])
        #expect(blank.status == .unprocessableContent)
        #expect(blank.text.contains("Skip this one") && blank.text.contains(#"name="next" value="unlabelled""#))

        // After the oldest one: the pictures still without a label, which are the skipped one.
        let last = try app.submit(first + "?labelling=1", to: first + "/label", [("label", "latte"), ("next", "unlabelled")])
        let end = app.send(.get, try #require(last.headers["Location"]))
        #expect(end.headers["Location"] == "/images?agreement=unlabelled")
        let remaining = app.send(.get, "/images?agreement=unlabelled").text
        #expect(remaining.contains("Your label was saved. That was the last picture without your label."))
        #expect(remaining.contains(#"href="\#(second)""#))
        #expect(!remaining.contains(#"href="\#(first)""#) && !remaining.contains(#"href="\#(third)""#))
        #expect(remaining.contains(#"<a href="/images/next-unlabelled">Label them one by one</a>"#))

        // With every picture labelled, starting again shows that there is nothing left; a bad `before` is ignored.
        try app.submit(second, to: second + "/label", [("label", "tabby cat")])
        for start in ["/images/next-unlabelled", "/images/next-unlabelled?before=abc"] {
            #expect(app.send(.get, start).headers["Location"] == "/images?agreement=unlabelled")
        }
        let done = app.send(.get, "/images?agreement=unlabelled").text
        #expect(done.contains("You have labelled every picture."))
        #expect(!done.contains("Label them one by one"))
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
