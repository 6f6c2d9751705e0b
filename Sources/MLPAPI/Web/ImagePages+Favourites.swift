import HTTP
import MLPDomain

/// The owner's favourites on the pages: a tile's star, a picture page's "Add to favourites", and the gallery's
/// selection added to the favourites (or taken out) after a confirmation page. Also the picture page's other
/// one-click buttons beside the picture: "Turn left" and "Turn right".
extension ImagePages {
    func registerFavourites(on router: inout PageRouter) {
        router.get("/images/favourite", loggedIn(confirmingFavourites))
        router.post("/images/favourite", loggedIn(favouriteSelection))
        router.post("/images/:id/favourite", loggedIn(markFavourite))
        router.post("/images/:id/rotate", loggedIn(turn))
    }

    /// "↺ Turn left" and "↻ Turn right" on a picture's page (`degrees` -90 or 90; the API's other turns are taken
    /// too): the file's orientation rewritten, stored and classified again. Back to the page it was sent from
    /// (`back`), which shows the turned picture at once (its address names the new version). A refusal (a file with
    /// no room for the orientation, the picture replaced meanwhile, a turn that is not one) is the page again
    /// saying why.
    private func turn(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let degrees = request.web.form["degrees"].flatMap { Int($0) } ?? 0
        do {
            _ = try images.update.turn(userID: session.user.id, imageID: id, degrees: degrees)
        } catch let error as DomainError where error.code == .validation || error.code == .conflict {
            return try detailPage(refusing: error, imageID: id, session: session, request: request) { view in
                view.turnError = error.fieldErrors.first?.message ?? error.message
            }
        }
        let back = LocalRedirect.target(request.web.form["back"], fallback: "/images/\(id)")
        let message = degrees < 0 ? "The picture was turned to the left." : "The picture was turned to the right."
        return pages.redirect(to: back, flash: .notice(message), request: request)
    }

    /// The star of a gallery tile and the picture page's "Add to favourites": `favourite=false` takes the picture out
    /// of the favourites, anything else marks it. Back to `back` (a local path: the gallery page or the picture's
    /// page it was sent from), on a gallery page at the picture's tile.
    private func markFavourite(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let favourite = request.web.form["favourite"] != "false"
        _ = try images.update.favourite(userID: session.user.id, imageID: id, favourite)
        var back = LocalRedirect.target(request.web.form["back"], fallback: "/images/\(id)")
        if back == "/images" || back.hasPrefix("/images?"), !back.contains("#") { back += "#image-\(id)" }
        let message = favourite ? "The picture is one of your favourites now." : "The picture is no longer one of your favourites."
        return pages.redirect(to: back, flash: .notice(message), request: request)
    }

    /// `GET /images/favourite?id=…`: the gallery's selection, to add to the favourites or take out of them. Ids that
    /// are not the user's pictures are left out (as if they did not exist); none left → back to the gallery.
    private func confirmingFavourites(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.query.values("id"))
        let pictures = try selectedPictures(ids, userID: session.user.id).map(\.image)
        guard !pictures.isEmpty else {
            let message = ids.isEmpty ? "Select the pictures for your favourites first." : "The selected pictures no longer exist."
            return pages.redirect(to: "/images", flash: .notice(message), request: request)
        }
        let view = FavouriteImagesView(pictures)
        return try pages.render("images-favourite", title: view.heading, view: view, request: request)
    }

    /// `POST /images/favourite`: adds each selected picture of the user to the favourites (`favourite=false`: takes
    /// it out), each on its own as the API's `PUT`/`DELETE …/favourite` do; ids that are not the user's pictures,
    /// or deleted, are skipped. Back to the gallery, showing the favourites when they were added.
    private func favouriteSelection(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.web.form.values("id"))
        let favourite = request.web.form["favourite"] != "false"
        var done = 0
        for id in ids {
            do {
                _ = try images.update.favourite(userID: session.user.id, imageID: id, favourite)
                done += 1
            } catch let error as DomainError where error.code == .notFound {
                continue
            }
        }
        let pictures = done == 1 ? "1 picture is" : "\(done) pictures are"
        let message = switch (done, favourite) {
        case (0, _) where ids.isEmpty: "Select the pictures for your favourites first."
        case (0, _): "Nothing changed: the selected pictures no longer exist."
        case (_, true): "\(pictures) among your favourites now."
        case (_, false): "\(pictures) no longer among your favourites."
        }
        let back = favourite && done > 0 ? "/images?favourite=true" : "/images"
        return pages.redirect(to: back, flash: .notice(message), request: request)
    }
}
