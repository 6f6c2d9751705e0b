import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// One label of the owner's own for the pictures selected in the gallery: a form page, one post.
@Suite struct LabelSelectionPagesTests {
    private func labels(_ app: WebTestApp) -> [Int64: String] {
        app.imageStore.read { state in
            state.images.values.reduce(into: [:]) { labels, stored in labels[stored.image.id] = stored.image.userLabel ?? "-" }
        }
    }

    private func uploadThree(_ app: WebTestApp) throws -> [Int64] {
        try app.upload(files: [("a.jpg", FakePictures.jpeg("a")), ("b.jpg", FakePictures.jpeg("b")), ("c.png", FakePictures.png("cat"))])
        return app.imageStore.read { $0.images.keys.sorted() }
    }

    private func post(_ app: WebTestApp, _ ids: [Int64], label: String) throws -> Response {
        let form = app.send(.get, "/images/label?" + ids.map { "id=\($0)" }.joined(separator: "&"))
        let token = try #require(form.csrfToken)
        return app.send(.post, "/images/label", form: [("csrf_token", token)] + ids.map { ("id", "\($0)") } + [("label", label)],
                        headers: ["Origin": app.origin])
    }

    @Test func theSelectionGetsOneLabelAndTheOthersKeepTheirs() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        let gallery = app.send(.get, "/images").text
        #expect(gallery.contains(#"<button type="submit" form="selection" formaction="/images/label" class="secondary">Label the selected pictures…</button>"#))

        let form = app.send(.get, "/images/label?id=\(stored[0])&id=\(stored[2])")
        #expect(form.status == .ok)
        #expect(form.text.contains("<h1>Label these 2 pictures</h1>"))
        #expect(form.text.contains(#"<input type="hidden" name="id" value="\#(stored[0])">"#))
        #expect(!form.text.contains(#"name="id" value="\#(stored[1])""#))
        // The model's top labels as suggestions: "espresso" (the JPEG) and "tabby cat" (the PNG).
        #expect(form.text.contains(#"<option value="espresso">"#) && form.text.contains(#"<option value="tabby cat">"#))
        #expect(labels(app).values.allSatisfy { $0 == "-" }, "the form changes nothing")

        let saved = try post(app, [stored[0], stored[2]], label: "  my desk ")
        #expect(saved.status == .seeOther)
        #expect(saved.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("2 pictures are now labelled “my desk”."))
        #expect(labels(app) == [stored[0]: "my desk", stored[1]: "-", stored[2]: "my desk"])
        // The field offers the label they share when they are chosen again.
        #expect(app.send(.get, "/images/label?id=\(stored[0])&id=\(stored[2])").text.contains(#"value="my desk""#))
        #expect(app.send(.get, "/images/label?id=\(stored[0])").text.contains("(you said: my desk)"))
    }

    @Test func aRefusedLabelChangesNothingAndSaysWhy() throws {
        let app = try WebTestApp().loggedIn()
        let stored = try uploadThree(app)
        for (label, message) in [("   ", "Must not be empty."), (String(repeating: "x", count: 256), "Must be at most 255 characters.")] {
            let refused = try post(app, stored, label: label)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="field-error" id="selection-label-error">\#(message)</p>"#))
            #expect(refused.text.contains("<h1>Label these 3 pictures</h1>"), "the same selection, to try again")
        }
        #expect(labels(app).values.allSatisfy { $0 == "-" })
    }

    @Test func anotherAccountsPicturesAreNeitherShownNorLabelled() throws {
        let app = try WebTestApp().loggedIn()
        let mine = try uploadThree(app)
        let other = try app.anotherAccount("bob@example.com")
        try other.upload(FakePictures.jpeg("bob"), title: "Bob's")
        let bobs = try #require(app.imageStore.read { $0.images.keys.sorted() }.first { !mine.contains($0) })

        #expect(app.send(.get, "/images/label?id=\(bobs)").headers["Location"] == "/images")
        let form = app.send(.get, "/images/label?id=\(bobs)&id=\(mine[0])")
        #expect(form.text.contains("<h1>Label this picture</h1>") && !form.text.contains("Bob"))
        let saved = try post(app, [bobs, mine[0]], label: "mine")
        #expect(saved.status == .seeOther)
        #expect(labels(app)[bobs] == "-" && labels(app)[mine[0]] == "mine")
        #expect(app.send(.get, "/images").text.contains("1 picture is now labelled “mine”."))
    }

    @Test func anEmptyOrOversizedSelectionIsExplained() throws {
        let app = try WebTestApp().loggedIn()
        _ = try uploadThree(app)
        let none = app.send(.get, "/images/label")
        #expect(none.status == .seeOther && none.headers["Location"] == "/images")
        #expect(app.send(.get, "/images").text.contains("Select the pictures to label first."))
        let many = (1...101).map { "id=\($0)" }.joined(separator: "&")
        let tooMany = app.send(.get, "/images/label?" + many)
        #expect(tooMany.status == .unprocessableContent)
        #expect(tooMany.text.contains("Select at most 100 pictures at a time."))
    }
}
