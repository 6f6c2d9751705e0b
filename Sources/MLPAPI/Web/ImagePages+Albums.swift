import Foundation
import HTTP
import MLPDomain

/// Where the album pages are, and how they count.
enum AlbumPages {
    static func url(_ id: Int64) -> String { "/albums/\(id)" }

    /// "No pictures", "1 picture", "12 pictures".
    static func pictures(_ count: Int) -> String {
        switch count {
        case 0: "No pictures"
        case 1: "1 picture"
        default: "\(count) pictures"
        }
    }
}

/// The album pages: `/albums` (the list and a form for a new one), `/albums/:id` (its pictures, renaming,
/// deleting, taking a picture out, choosing the cover), the gallery's "Put the selected pictures into an album…" (`/images/album`)
/// and a picture page's "Albums" card (`POST /images/:id/album`).
extension ImagePages {
    /// Pictures an album page shows at a time.
    static let albumPageSize = 48

    func registerAlbums(on router: inout PageRouter) {
        router.get("/albums", loggedIn { request, session in
            try albumsPage(AlbumsView(images.albums.list(userID: session.user.id)), request: request)
        })
        router.post("/albums", loggedIn(createAlbum))
        router.get("/albums/:id", loggedIn { request, session in
            try albumPage(albumID: try Self.albumID(request), session: session, request: request)
        })
        router.post("/albums/:id/name", loggedIn(renameAlbum))
        router.get("/albums/:id/export", loggedIn { request, session in
            let album = try images.albums.get(userID: session.user.id, albumID: try Self.albumID(request)).album
            return try images.export.response(for: session.user, album: album)
        })
        router.post("/albums/:id/delete", loggedIn(deleteAlbum))
        registerSharedAlbums(on: &router)
        router.post("/albums/:id/remove", loggedIn { request, session in
            let id = try Self.albumID(request)
            let message: String
            do {
                try images.albums.remove(userID: session.user.id, albumID: id, imageID: Int64(request.web.form["image"] ?? "") ?? 0)
                message = "The picture was taken out of the album. It is still in your pictures."
            } catch let error as DomainError where error == .imageNotFound {
                message = "That picture was not in the album."
            }
            return pages.redirect(to: AlbumPages.url(id), flash: .notice(message), request: request)
        })
        router.post("/albums/:id/cover", loggedIn { request, session in
            let id = try Self.albumID(request)
            let message: String
            do {
                let image = Int64(request.web.form["image"] ?? "") ?? 0
                _ = try images.albums.setCover(userID: session.user.id, albumID: id, imageID: image)
                message = "That picture is the cover of the album now."
            } catch let error as DomainError where error.code == .validation {
                message = "That picture is not in the album, so it cannot be its cover."
            }
            return pages.redirect(to: AlbumPages.url(id) + "#cover", flash: .notice(message), request: request)
        })
        router.post("/albums/:id/cover/delete", loggedIn { request, session in
            let id = try Self.albumID(request)
            _ = try images.albums.setCover(userID: session.user.id, albumID: id, imageID: nil)
            let message = "The cover is the picture put into the album last again."
            return pages.redirect(to: AlbumPages.url(id) + "#cover", flash: .notice(message), request: request)
        })
        router.get("/images/album", loggedIn(choosingAlbum))
        router.post("/images/album", loggedIn(addSelectionToAlbum))
        router.post("/images/:id/album", loggedIn { request, session in
            let id = try Self.imageID(request)
            let albumID = Int64(request.web.form["album"] ?? "") ?? 0
            let added = try images.albums.add(userID: session.user.id, albumID: albumID, imageIDs: [id])
            guard !added.added.isEmpty else { throw DomainError.imageNotFound }
            let message = "The picture is in “\(added.album.name)” now."
            return pages.redirect(to: "/images/\(id)#albums", flash: .notice(message), request: request)
        })
    }

    static func albumID(_ request: Request) throws -> Int64 {
        try request.resourceID(orThrow: .albumNotFound)
    }

    private func albumsPage(_ view: AlbumsView, request: Request) throws -> Response {
        try pages.render("albums", title: "Albums", view: view, request: request)
    }

    private func albumPage(
        albumID: Int64, session: AuthenticatedSession, request: Request, mark: (inout AlbumView) -> Void = { _ in }
    ) throws -> Response {
        let (order, after) = OrderSwitch.position(of: request)
        let found = try images.albums.pictures(
            userID: session.user.id, albumID: albumID, limit: Self.albumPageSize, order: order, after: after
        )
        var view = AlbumView(found.album, page: found.page, order: order, isFirstPage: after == nil)
        view.share = try images.albumShares.current(userID: session.user.id, albumID: albumID).map {
            let path = ShareLink.albumPath($0.token)
            return ImageDetailView.Share(
                url: ShareLink.absolute(path, request: request, publicURL: images.publicURL), path: path,
                since: AccountPages.day($0.createdAt)
            )
        }
        mark(&view)
        return try pages.render("album", title: view.name, view: view, request: request)
    }

    /// `POST /albums`: a new album, then its page; a refused name is the list again with why.
    private func createAlbum(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let name = request.web.form["name"] ?? ""
        do {
            let album = try images.albums.create(userID: session.user.id, name: name)
            return pages.redirect(
                to: AlbumPages.url(album.album.id),
                flash: .notice("The album “\(album.album.name)” is ready. Put pictures into it from your gallery or a picture's page."),
                request: request
            )
        } catch let error as DomainError where error.code == .validation || error.code == .conflict {
            var view = AlbumsView(try images.albums.list(userID: session.user.id))
            view.name = name
            view.nameError = error.fieldErrors.first?.message ?? error.message
            return try WebPages.refusal(albumsPage(view, request: request), error)
        }
    }

    private func renameAlbum(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.albumID(request)
        let name = request.web.form["name"] ?? ""
        do {
            _ = try images.albums.rename(userID: session.user.id, albumID: id, name: name)
            return pages.redirect(to: AlbumPages.url(id), flash: .notice("The album was renamed."), request: request)
        } catch let error as DomainError where error.code == .validation || error.code == .conflict {
            let page = try albumPage(albumID: id, session: session, request: request) { view in
                view.nameValue = name
                view.nameError = error.fieldErrors.first?.message ?? error.message
            }
            return WebPages.refusal(page, error)
        }
    }

    /// `POST /albums/:id/delete`: needs the `confirm=yes` box; the pictures stay.
    private func deleteAlbum(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.albumID(request)
        guard request.web.form["confirm"] == "yes" else {
            let error = DomainError.invalid("confirm", "Tick the box to confirm that the album should be deleted.")
            let page = try albumPage(albumID: id, session: session, request: request) { $0.deleteError = error.fieldErrors.first?.message }
            return WebPages.refusal(page, error)
        }
        let album = try images.albums.delete(userID: session.user.id, albumID: id)
        let message = "The album “\(album.name)” was deleted. Its pictures are still in your pictures."
        return pages.redirect(to: "/albums", flash: .notice(message), request: request)
    }

    /// `GET /images/album?id=…`: the selection, and the owner's albums to put it into (or a new one's name).
    private func choosingAlbum(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.query.values("id"))
        let details = try selectedPictures(ids, userID: session.user.id)
        guard !details.isEmpty else {
            let message = ids.isEmpty ? "Select the pictures to put into an album first." : "The selected pictures no longer exist."
            return pages.redirect(to: "/images", flash: .notice(message), request: request)
        }
        let view = AddToAlbumView(details, albums: try images.albums.list(userID: session.user.id).map(\.album))
        return try pages.render("images-album", title: view.heading, view: view, request: request)
    }

    /// `POST /images/album`: the selection into the chosen album, or into a new one named in the form, in one
    /// transaction each; then the album's page.
    private func addSelectionToAlbum(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let form = request.web.form
        let ids = try Self.selectedIDs(form.values("id"))
        let newName = (form["new_album"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let albumID: Int64
            if !newName.isEmpty || form["album"] == "new" {
                guard !ids.isEmpty else { throw DomainError.invalid("image_ids", "Select the pictures to put into an album first.") }
                albumID = try images.albums.create(userID: session.user.id, name: newName).album.id
            } else {
                albumID = Int64(form["album"] ?? "") ?? 0
            }
            let added = try images.albums.add(userID: session.user.id, albumID: albumID, imageIDs: ids)
            let message = switch added.added.count {
            case 0: "No picture was added: the selected ones no longer exist."
            case 1: "1 picture is in “\(added.album.name)” now."
            case let count: "\(count) pictures are in “\(added.album.name)” now."
            }
            return pages.redirect(to: AlbumPages.url(albumID), flash: .notice(message), request: request)
        } catch let error as DomainError where error.code == .validation || error.code == .conflict {
            let details = try selectedPictures(ids, userID: session.user.id)
            guard !details.isEmpty else { return pages.redirect(to: "/images", request: request) }
            var view = AddToAlbumView(details, albums: try images.albums.list(userID: session.user.id).map(\.album))
            view.newName = newName
            view.error = error.fieldErrors.first?.message ?? error.message
            return try WebPages.refusal(pages.render("images-album", title: view.heading, view: view, request: request), error)
        }
    }
}
