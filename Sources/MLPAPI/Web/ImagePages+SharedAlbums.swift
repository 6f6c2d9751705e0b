import HTTP
import MLPDomain

/// An album's link: made and stopped from the album's page (`POST /albums/:id/share`, `/albums/:id/share/delete`),
/// and what anyone with it sees: `/a/:token` (the album's pictures as tiles, a page at a time), `/a/:token/:id` (one
/// picture's page), `/a/:token/:id/content` and `/thumbnail` (its bytes, without the file's metadata).
extension ImagePages {
    func registerSharedAlbums(on router: inout PageRouter) {
        router.post("/albums/:id/share", loggedIn { request, session in
            let id = try Self.albumID(request)
            let result = try images.albumShares.share(userID: session.user.id, albumID: id)
            let message = result.created ? "Anyone with the link can now see the pictures in this album." : "The album already has a link."
            return pages.redirect(to: AlbumPages.url(id) + "#share", flash: .notice(message), request: request)
        })
        router.post("/albums/:id/share/delete", loggedIn { request, session in
            let id = try Self.albumID(request)
            let stopped = try images.albumShares.stop(userID: session.user.id, albumID: id)
            let message = stopped ? "The link no longer works." : "The album was not shared."
            // From the account's list of shared pictures and albums, back to that list.
            let back = request.web.form["from"] == "account" ? "/account#shares" : AlbumPages.url(id) + "#share"
            return pages.redirect(to: back, flash: .notice(message), request: request)
        })
        // For anyone who has the link (logged in or not).
        router.get("/a/:token") { request in
            let token = try Self.shareToken(request)
            let (order, after) = OrderSwitch.position(of: request)
            let opened = try images.albumShares.open(token: token, limit: Self.albumPageSize, order: order, after: after)
            let view = SharedAlbumView(
                token: token, album: opened.album, since: opened.share.createdAt, page: opened.page, order: order, isFirstPage: after == nil
            )
            return Self.unlisted(try pages.render("shared-album", title: view.name, view: view, request: request))
        }
        router.get("/a/:token/:id") { request in
            let token = try Self.shareToken(request)
            let order = OrderSwitch.order(of: request)
            let found = try images.albumShares.picture(token: token, imageID: try Self.imageID(request), order: order)
            var view = ImageDetailView(found.details)
            view.pictureURL = ShareLink.albumPath(token) + "/\(found.details.image.id)/content"
            view.sharedSince = AccountPages.day(found.share.createdAt)
            let path = ShareLink.albumPath(token)
            view.navigation = PictureNavigation(
                backURL: path + OrderSwitch.suffix(order), backLabel: found.album.name, neighbours: found.neighbours,
                pictureURL: { "\(path)/\($0)" + OrderSwitch.suffix(order) }
            )
            return Self.unlisted(try pages.render("shared", title: view.displayTitle, view: view, request: request))
        }
        for (suffix, variant) in [("content", ImageVariant.original), ("thumbnail", .thumbnail)] {
            router.get("/a/:token/:id/\(suffix)") { request in
                let content = try images.albumShares.content(
                    token: Self.shareToken(request), imageID: try Self.imageID(request), variant: variant
                )
                // Revalidated on every use, as a picture's link: a link that was stopped stops showing the picture.
                return Self.unlisted(ImageContentResponse.make(content, request: request, maxAge: 0))
            }
        }
    }

    /// Every answer under a share link asks search engines to keep it out of their index.
    static func unlisted(_ response: Response) -> Response {
        var response = response
        response.headers.set("X-Robots-Tag", "noindex, nofollow")
        return response
    }
}
