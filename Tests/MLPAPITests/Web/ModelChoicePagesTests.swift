import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The model select of the upload form and the "Classify again" card of a picture's page.
@Suite struct ModelChoicePagesTests {
    private func path(_ response: Response) throws -> String {
        try #require(response.headers["Location"], "no redirect: \(response.status) \(response.text.prefix(300))")
    }

    private func uploadWith(_ app: WebTestApp, model: String) throws -> Response {
        let token = try #require(app.send(.get, "/images/new").csrfToken)
        return app.postMultipart("/images", fields: [("csrf_token", token), ("model", model)], file: FakePictures.jpeg())
    }

    @Test func withOneModelThereIsNothingToChoose() throws {
        let app = try WebTestApp().loggedIn()
        #expect(!app.send(.get, "/images/new").text.contains("<select"))
        let page = app.send(.get, try path(try app.upload(FakePictures.jpeg())))
        #expect(page.text.contains("Model fake-net 1"))
        #expect(!page.text.contains("Classify again"))
    }

    @Test func theUploadFormOffersEveryModelAndUsesTheChosenOne() throws {
        let app = try WebTestApp().loggedIn()
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let form = app.send(.get, "/images/new").text
        #expect(form.contains(#"<select id="model" name="model">"#))
        #expect(form.contains(#"<option value="fake-net" selected>fake-net 1 · 1000 classes (default)</option>"#))
        #expect(form.contains(#"<option value="colour-net">colour-net 1 · 3 classes</option>"#))

        let page = app.send(.get, try path(try uploadWith(app, model: "colour-net"))).text
        #expect(page.contains("Model colour-net 1"))
        #expect(page.contains(#">red</a>"#))

        let unknown = try uploadWith(app, model: "no-such-net")
        #expect(unknown.status == .unprocessableContent)
        #expect(unknown.text.contains("No model named &#39;no-such-net&#39;") || unknown.text.contains("No model named 'no-such-net'"))
        #expect(unknown.text.contains(#"<option value="fake-net" selected>"#))
        #expect(app.imageStore.read { $0.images.count } == 1)
    }

    @Test func anotherModelClassifiesAPictureAgainAndTheLabelsBeforeBecomeHistory() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try path(try app.upload(FakePictures.jpeg()))
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let page = app.send(.get, picture).text
        #expect(page.contains("<h2>Classify again</h2>"))
        #expect(page.contains("See what another model makes of this picture"))
        #expect(page.contains(#"<form method="post" action="\#(picture)/classify">"#))

        let done = try app.submit(picture, to: picture + "/classify", [("model", "colour-net")])
        #expect(done.status == .seeOther)
        #expect(try path(done) == picture)
        let after = app.send(.get, picture).text
        #expect(after.contains("Classified again with colour-net 1."))
        #expect(after.contains("Model colour-net 1 · 5 earlier predictions kept"))
        #expect(after.contains(#">red</a>"#))
        #expect(after.contains("fake-net 1: espresso 90.0 %"))

        let refused = try app.submit(picture, to: picture + "/classify", [("model", "gone-net")])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(#"<p class="field-error" id="model-error">"#))
        #expect(refused.text.contains(#"aria-describedby="model-error""#))
        #expect(app.send(.get, picture).text.contains("Model colour-net 1 · 5 earlier"))
    }

    @Test func aNewVersionOfTheModelIsOfferedForPicturesItHasNotSeen() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try path(try app.upload(FakePictures.jpeg()))
        var upgraded = FakeClassifier.model
        upgraded.version = "2"
        app.classifier.models = [upgraded]
        let page = app.send(.get, picture).text
        #expect(page.contains("fake-net is now at version 2; these labels come from version 1."))
        #expect(!page.contains("<select"))
        let done = try app.submit(picture, to: picture + "/classify", [])
        #expect(done.status == .seeOther)
        let after = app.send(.get, picture).text
        #expect(after.contains("Classified again with fake-net 2."))
        #expect(after.contains("Model fake-net 2"))
        #expect(!after.contains("<h2>Classify again</h2>"))
    }

    @Test func aPictureOfAModelNoLongerLoadedIsOfferedTheOneThatIs() throws {
        let app = try WebTestApp().loggedIn()
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let picture = try path(try uploadWith(app, model: "colour-net"))
        app.classifier.models = [FakeClassifier.model]
        let page = app.send(.get, picture).text
        #expect(page.contains("These labels come from colour-net, which this server no longer runs."))
        #expect(try app.submit(picture, to: picture + "/classify", []).status == .seeOther)
        #expect(app.send(.get, picture).text.contains("Classified again with fake-net 1."))
    }

    @Test func classifyingAnotherUsersPictureIsNotFound() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try path(try app.upload(FakePictures.jpeg()))
        let other = WebTestApp.sharing(app)
        try other.signUp("mallory@example.com")
        try other.logIn("mallory@example.com")
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let response = try other.submit("/images", to: picture + "/classify", [("model", "colour-net")])
        #expect(response.status == .notFound)
        #expect(app.send(.get, picture).text.contains("Model fake-net 1"))
    }
}
