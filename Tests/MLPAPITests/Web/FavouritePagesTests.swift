import HTTP
import MLPDomain
@testable import MLPAPI
import Testing

/// The star of a gallery tile, "Add to favourites" on a picture's page and the gallery's "★ Favourites".
@Suite struct FavouritePagesTests {
    private func picture(_ app: WebTestApp, _ title: String) throws -> String {
        try #require(try app.upload(FakePictures.jpeg(title), title: title).headers["Location"])
    }

    private func tiles(_ page: String) -> Int {
        page.components(separatedBy: #"<li class="tile">"#).count - 1
    }

    @Test func aPictureMarkedOnItsPageIsStarredInTheGalleryAndListedAmongTheFavourites() throws {
        let app = try WebTestApp().loggedIn()
        let coffee = try picture(app, "coffee")
        _ = try picture(app, "desk")
        let id = coffee.split(separator: "/").last.map(String.init) ?? ""
        let page = app.send(.get, coffee + "?sort=taken").text
        #expect(page.contains("☆ Add to favourites</button>"))
        #expect(page.contains(#"<input type="hidden" name="back" value="\#(coffee)?sort=taken">"#), "back to the page in its order")
        #expect(!page.contains("One of your favourites"))

        let marked = try app.submit(coffee, to: coffee + "/favourite", [("favourite", "true"), ("back", coffee + "?sort=taken")])
        #expect(marked.status == .seeOther)
        #expect(marked.headers["Location"] == coffee + "?sort=taken")
        let after = app.send(.get, coffee).text
        #expect(after.contains("The picture is one of your favourites now."))
        #expect(after.contains("★ One of your favourites"))
        #expect(after.contains("Remove from favourites</button>"))
        #expect(after.contains(#"<input type="hidden" name="favourite" value="false">"#))

        let gallery = app.send(.get, "/images").text
        #expect(gallery.contains(#"aria-label="Remove coffee from your favourites">★</button>"#))
        #expect(gallery.contains(#"aria-label="Add desk to your favourites">☆</button>"#))
        #expect(gallery.contains(#"<a href="/images?favourite=true">★ Favourites</a>"#))
        let favourites = app.send(.get, "/images?favourite=true").text
        #expect(tiles(favourites) == 1)
        #expect(favourites.contains(#"alt="coffee""#) && !favourites.contains(#"alt="desk""#))
        #expect(favourites.contains(#"<strong aria-current="true">★ Favourites</strong>"#))
        #expect(favourites.contains(#"<a href="/images?sort=taken&amp;favourite=true">Latest taken</a>"#), "the order keeps the filter")
        #expect(tiles(app.send(.get, "/images?favourite=yes").text) == 2, "any other value shows every picture")

        // The tile's star takes it out again, back at the same gallery page (at the tile).
        let unmarked = try app.submit("/images?favourite=true", to: coffee + "/favourite", [("favourite", "false"), ("back", "/images?favourite=true")])
        #expect(unmarked.headers["Location"] == "/images?favourite=true#image-\(id)")
        let none = app.send(.get, "/images?favourite=true").text
        #expect(none.contains("The picture is no longer one of your favourites."))
        #expect(none.contains("No favourites yet: the ☆ of a picture marks it as one of yours."))
        #expect(tiles(none) == 0)
        #expect(app.send(.get, "/images?favourite=true&q=desk").text.contains("None of your favourites is among these pictures."))
    }

    @Test func anotherAccountsPictureAForeignBackAndAMissingTokenChangeNothing() throws {
        let app = try WebTestApp().loggedIn()
        let coffee = try picture(app, "coffee")
        let bob = try app.anotherAccount("bob@example.com")
        let refused = try bob.submit("/images", to: coffee + "/favourite", [("favourite", "true")])
        #expect(refused.status == .notFound)
        #expect(refused.text.contains("<html"), "a page, not problem+json")
        #expect(app.send(.get, coffee).text.contains("☆ Add to favourites"))

        for back in ["https://elsewhere.example/", "//elsewhere.example/x", "/images\\evil"] {
            let marked = try app.submit(coffee, to: coffee + "/favourite", [("favourite", "true"), ("back", back)])
            #expect(marked.headers["Location"] == coffee, "\(back)")
        }
        let forged = app.send(.post, coffee + "/favourite", form: [("favourite", "false")], headers: ["Origin": app.origin])
        #expect(forged.status == .forbidden)
        #expect(app.send(.get, coffee).text.contains("★ One of your favourites"), "the forged post changed nothing")
        #expect(try app.submit(coffee, to: "/images/abc/favourite", []).status == .notFound)
    }
}

/// The gallery's pictures the model is least sure about, from the labels page.
@Suite struct UnsurePicturesPagesTests {
    @Test func theLabelsPageLeadsToThePicturesWithTheLeastSureTopLabel() throws {
        let app = try WebTestApp().loggedIn()
        _ = try app.upload(FakePictures.jpeg("coffee"), title: "coffee")
        let labels = app.send(.get, "/labels").text
        #expect(labels.contains(#"<a href="/images?max_score=0.5">The pictures the model is least sure about</a>"#))
        // The fake model gives every top label 90 %.
        let none = app.send(.get, "/images?max_score=0.5").text
        #expect(none.contains("Pictures whose top label the model gives at most 50.0 %, the ones it is least sure about."))
        #expect(none.contains("The model gives the top label of every one of these pictures more than 50.0 %."))
        #expect(!none.contains(#"<li class="tile">"#))
        let some = app.send(.get, "/images?max_score=0.95").text
        #expect(some.contains(#"alt="coffee""#))
        #expect(some.contains(#"<a href="/images?sort=taken&amp;max_score=0.95">Latest taken</a>"#), "the order keeps the filter")
        for ignored in ["0", "2", "abc"] {
            let page = app.send(.get, "/images?max_score=\(ignored)").text
            #expect(page.contains(#"alt="coffee""#) && !page.contains("least sure about."), "\(ignored)")
        }
    }
}

