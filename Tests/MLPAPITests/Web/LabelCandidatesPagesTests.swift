import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// "Pictures that may be …": the pictures one of the owner's labels is suggested for, labelled in one post.
@Suite struct LabelCandidatesPagesTests {
    private func picture(_ app: WebTestApp, _ bytes: [UInt8] = FakePictures.jpeg()) throws -> String {
        try #require(try app.upload(bytes).headers["Location"])
    }

    private func id(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

    @Test func thePicturesALabelFitsAreCheckedAndLabelledInOnePost() throws {
        let app = try WebTestApp().loggedIn()
        let labelled = try picture(app)
        let (second, third) = (try picture(app), try picture(app))
        try app.submit(labelled, to: labelled + "/label", [("label", "my morning coffee")])
        let detail = app.send(.get, labelled).text
        #expect(detail.contains(#"<a href="/labels/suggestions?label=my%20morning%20coffee">Find pictures that may also be my morning coffee</a>"#))

        let page = app.send(.get, "/labels/suggestions?label=my+morning+coffee")
        #expect(page.status == .ok)
        #expect(page.text.contains("<h1>Pictures that may be “my morning coffee”</h1>"))
        #expect(page.text.contains(#"the model sees like the picture you labelled"#))
        #expect(page.text.contains(#"<input type="checkbox" name="id" value="\#(id(third))" checked>"#))
        #expect(page.text.contains(#"<input type="checkbox" name="id" value="\#(id(second))" checked>"#))
        #expect(!page.text.contains(#"value="\#(id(labelled))" checked"#), "not the labelled picture itself")
        #expect(page.text.contains("like 1 of your pictures labelled so"))
        #expect(page.text.contains(#"<input type="hidden" name="label" value="my morning coffee">"#))
        #expect(page.text.contains("Label the checked pictures “my morning coffee”</button>"))
        let third_ = page.text.range(of: "value=\"\(id(third))\" checked")
        let second_ = page.text.range(of: "value=\"\(id(second))\" checked")
        #expect(third_ != nil && second_ != nil && third_!.lowerBound < second_!.lowerBound, "equal scores: newest first")

        // Unchecking the second: only the third is labelled, and the page comes back without it.
        let saved = try app.submit(
            "/labels/suggestions?label=my+morning+coffee", to: "/images/label",
            [("label", "my morning coffee"), ("from", "suggestions"), ("id", id(third))]
        )
        #expect(saved.status == .seeOther)
        #expect(saved.headers["Location"] == "/labels/suggestions?label=my%20morning%20coffee")
        let after = app.send(.get, "/labels/suggestions?label=my+morning+coffee").text
        #expect(after.contains("1 picture is now labelled “my morning coffee”."))
        #expect(after.contains("the 2 pictures you labelled"))
        #expect(after.contains(#"value="\#(id(second))" checked"#) && !after.contains(#"value="\#(id(third))" checked"#))
        #expect(app.send(.get, third).text.contains(#"You say: <strong class="user-label">my morning coffee</strong>."#))
        let labels = app.send(.get, "/labels").text
        #expect(labels.contains("<h2>Your labels</h2>"))
        #expect(labels.contains(#"<li><a href="/labels/suggestions?label=my%20morning%20coffee">my morning coffee</a> <span class="muted">2 pictures</span></li>"#))
    }

    @Test func aLabelNobodyHasOrNobodyCouldGiveSaysSo() throws {
        let app = try WebTestApp().loggedIn()
        _ = try picture(app)
        let none = app.send(.get, "/labels/suggestions?label=Chelsea")
        #expect(none.status == .ok)
        #expect(none.text.contains("None of your pictures has the label “Chelsea” yet."))
        let cat = try picture(app, FakePictures.png("cat"))
        try app.submit(cat, to: cat + "/label", [("label", "Chelsea")])
        // The coffee shares only its two least likely labels with the cat (0.405 of it): suggested, at 40.5 %.
        let page = app.send(.get, "/labels/suggestions?label=chelsea").text
        #expect(page.contains("<h1>Pictures that may be “Chelsea”</h1>"), "as the owner wrote it")
        #expect(page.contains("40.5 %"))
        for bad in ["", "?label=", "?label=%20", "?label=a%01b"] {
            let refused = app.send(.get, "/labels/suggestions\(bad)")
            #expect(refused.status == .seeOther && refused.headers["Location"] == "/labels", "\(bad)")
        }
        #expect(try WebTestApp().send(.get, "/labels/suggestions?label=Chelsea").status == .seeOther, "logged out: to the login page")
    }
}
