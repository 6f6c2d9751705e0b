import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// "Your label" on a picture's page offers the owner's own labels of pictures the model sees alike.
@Suite struct LabelSuggestionPagesTests {
    private func picture(_ app: WebTestApp, _ bytes: [UInt8] = FakePictures.jpeg()) throws -> String {
        try #require(try app.upload(bytes).headers["Location"])
    }

    @Test func theOwnersLabelOfAPictureAlikeIsOneClick() throws {
        let app = try WebTestApp().loggedIn()
        let labelled = try picture(app)
        let path = try picture(app)
        #expect(!app.send(.get, path).text.contains("you labelled so"), "nothing labelled yet")
        try app.submit(labelled, to: labelled + "/label", [("label", "my morning coffee")])

        let page = app.send(.get, path).text
        #expect(page.contains(#"<input type="hidden" name="label" value="my morning coffee">"#))
        #expect(page.contains("It is my morning coffee</button>"))
        #expect(page.contains(#"like 1 of your pictures you labelled so, the <a href="\#(labelled)">closest</a> 100.0 % alike"#))
        #expect(page.contains("· 100.0 % of their vote"))
        #expect(page.contains("Yes, it is espresso</button>"), "the model's own top label is another one")
        #expect(page.contains(#"<datalist id="label-suggestions"><option value="my morning coffee"><option value="espresso">"#))
        #expect(!app.send(.get, labelled).text.contains("you labelled so"), "a labelled picture is not offered any")

        let saved = try app.submit(path, to: path + "/label", [("label", "my morning coffee")])
        #expect(saved.status == .seeOther)
        let after = app.send(.get, path).text
        #expect(after.contains(#"You say: <strong class="user-label">my morning coffee</strong>."#))
        #expect(!after.contains("It is my morning coffee</button>"))
    }

    @Test func aSuggestionThatIsTheModelsTopLabelIsOfferedOnce() throws {
        let app = try WebTestApp().loggedIn()
        let labelled = try picture(app)
        let cat = try picture(app, FakePictures.png("cat"))
        try app.submit(labelled, to: labelled + "/label", [("label", "Espresso")])
        try app.submit(cat, to: cat + "/label", [("label", "Chelsea")])
        let path = try picture(app)
        let page = app.send(.get, path).text
        #expect(page.contains("It is Espresso</button>"))
        #expect(!page.contains("Yes, it is espresso"))
        #expect(!page.contains("It is Chelsea"), "the cat shares too little with a coffee")
        #expect(page.contains(#"<datalist id="label-suggestions"><option value="Espresso"><option value="cup">"#), "once, as the owner wrote it")

        // Labelling one by one: the suggestion goes on to the next picture like the other forms.
        let labelling = app.send(.get, path + "?labelling=1").text
        #expect(labelling.components(separatedBy: #"<input type="hidden" name="next" value="unlabelled">"#).count == 3)
        let saved = try app.submit(path + "?labelling=1", to: path + "/label", [("label", "Espresso"), ("next", "unlabelled")])
        #expect(saved.headers["Location"]?.hasPrefix(ImagePages.nextUnlabelledPath) == true)
    }

    @Test func theOwnersLabelsAreOfferedInEveryLabelField() throws {
        let app = try WebTestApp().loggedIn()
        let cat = try picture(app, FakePictures.png("cat"))
        let desk = try picture(app)
        try app.submit(cat, to: cat + "/label", [("label", "Chelsea")])
        try app.submit(desk, to: desk + "/label", [("label", "my desk")])
        let path = try picture(app)
        let page = app.send(.get, path).text
        // "my desk" is suggested (2.055 of 2.46); Chelsea's 0.405 is not, but it is a word the owner uses.
        #expect(page.contains("It is my desk</button>") && !page.contains("It is Chelsea</button>"))
        #expect(page.contains(#"<datalist id="label-suggestions"><option value="my desk"><option value="espresso">"#))
        #expect(page.contains(#"<option value="Chelsea"></datalist>"#), "the owner's labels last, each once")
        #expect(page.components(separatedBy: #"<option value="my desk">"#).count == 2)

        // The gallery's selection offers them after the model's top labels of the selected pictures.
        let id = String(path.split(separator: "/").last ?? "")
        let selection = app.send(.get, "/images/label?id=\(id)").text
        #expect(selection.contains(
            #"<datalist id="selection-suggestions"><option value="espresso"><option value="Chelsea"><option value="my desk"></datalist>"#
        ))
    }
}
