import Foundation
import HTTP
import MLPDomain
import Testing

/// `/images/:id/explanation`: the picture under the occlusion map, its numbers, and the other labels to ask about.
@Suite struct ExplanationPagesTests {
    @Test func showsTheMapOverThePictureWithItsNumbers() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try #require(try app.upload(FakePictures.jpeg("coffee"), title: "Morning <coffee>").headers["Location"])
        #expect(app.send(.get, picture).text.contains(#"<a href="\#(picture)/explanation">Where does the model see it?</a>"#))
        let page = app.send(.get, picture + "/explanation")
        #expect(page.status == .ok)
        let text = page.text
        #expect(text.contains("Where the model sees “espresso”"))
        #expect(text.contains(#"<a href="\#(picture)">← Morning &lt;coffee&gt;</a>"#))
        #expect(text.contains("fake-net 1 says “espresso” with 90.0 %"))
        // The fake's 7 × 7 drops rise cell by cell over the middle three quarters of the width: 49 squares, the
        // last one the strongest, and the frame of what the model reads.
        let squares = text.components(separatedBy: #"<rect x=""#).dropFirst()
        #expect(squares.count == 49)
        #expect(squares.first?.hasPrefix(##"125.0" y="0.0" width="107.1" height="142.9" fill="#d7301f" fill-opacity="0.00""##) == true)
        #expect(squares.last?.hasPrefix(##"767.9" y="857.1" width="107.1" height="142.9" fill="#d7301f" fill-opacity="0.70""##) == true)
        #expect(text.contains(#"<rect class="explained-region" x="125.0" y="0.0" width="750.0" height="1000.0""#))
        #expect(text.contains("Covering the square in row 7, column 7 lowers the model&#39;s confidence in “espresso” the most: by 48.0 percentage points."))
        // The table: a header of 7 columns, 7 rows, the numbers in percentage points.
        #expect(text.contains("<tr><th scope=\"row\">1</th><td>0.0</td><td>+1.0</td><td>+2.0</td>"))
        #expect(text.contains("<td>+48.0</td></tr>"))
        // The picture's current labels to choose from, the explained one selected.
        #expect(text.contains(#"<option value="0" selected>espresso (90.0 %)</option>"#))
        #expect(text.contains(#"<option value="2">eggnog (30.0 %)</option>"#))
    }

    @Test func explainsAnotherOfThePicturesLabelsOnRequestAndIgnoresOthers() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try #require(try app.upload(FakePictures.jpeg("coffee")).headers["Location"])
        let eggnog = app.send(.get, picture + "/explanation?class_index=2")
        #expect(eggnog.text.contains("Where the model sees “eggnog”"))
        #expect(eggnog.text.contains(#"<option value="2" selected>eggnog (30.0 %)</option>"#))
        // Not one of the picture's labels, or not a number: the top label, as a hand-made link cannot ask for more.
        for query in ["?class_index=504", "?class_index=abc", "?class_index=-1", "?class_index="] {
            let page = app.send(.get, picture + "/explanation" + query)
            #expect(page.status == .ok, "\(query)")
            #expect(page.text.contains("Where the model sees “espresso”"), "\(query)")
        }
    }

    @Test func eachLabelOfThePictureLeadsToItsMapWhileItsModelIsLoaded() throws {
        let app = try WebTestApp().loggedIn()
        app.classifier.models = [FakeClassifier.model, FakeClassifier.colourModel]
        let coffee = try #require(try app.upload(FakePictures.jpeg("coffee")).headers["Location"])
        let detail = app.send(.get, coffee).text
        #expect(detail.contains(#"<a class="prediction-where" href="\#(coffee)/explanation?class_index=2" title="Where the model sees eggnog in the picture">where?</a>"#))
        // A picture the colour model labelled: its labels are that model's classes.
        let token = try #require(app.send(.get, "/images/new").csrfToken)
        let colours = try #require(app.postMultipart(
            "/images", fields: [("csrf_token", token), ("model", "colour-net")], file: FakePictures.jpeg("colours")
        ).headers["Location"])
        #expect(app.send(.get, colours + "/explanation?class_index=1").text.contains("Where the model sees “green”"))
        // Once that model is gone the default model explains the picture, and an index of the old model's classes
        // would name another class: it is ignored.
        app.classifier.models = [FakeClassifier.model]
        let after = app.send(.get, colours + "/explanation?class_index=1").text
        #expect(after.contains("Where the model sees “espresso”") && after.contains("fake-net 1 says"))
        #expect(!after.contains(#"<select id="class_index""#), "the old labels are not offered")
    }

    @Test func refusesStrangersAndSaysWhenTheModelIsBusy() throws {
        let app = try WebTestApp().loggedIn()
        let picture = try #require(try app.upload(FakePictures.jpeg("coffee")).headers["Location"])
        let stranger = try app.anotherAccount("bob@example.com")
        let notFound = stranger.send(.get, picture + "/explanation")
        #expect(notFound.status == .notFound && notFound.text.contains("<html"))
        #expect(app.send(.get, "/images/999/explanation").status == .notFound)
        #expect(app.send(.get, "/images/abc/explanation").status == .notFound)
        #expect(WebTestApp.sharing(app).send(.get, picture + "/explanation").status == .seeOther, "logged out: to the login page")
        app.classifier.busy = true
        let busy = app.send(.get, picture + "/explanation")
        #expect(busy.status == .serviceUnavailable && busy.text.contains("<html") && busy.headers["Retry-After"] == "1")
    }
}
