import HTTP
import MLPDomain

/// The caller's albums: `GET`/`POST /api/v1/albums`, `GET`/`PATCH`/`DELETE /api/v1/albums/:id`, and what one
/// holds: `GET`/`POST /api/v1/albums/:id/images`, `DELETE /api/v1/albums/:id/images/:image_id`; its cover:
/// `PUT`/`DELETE /api/v1/albums/:id/cover`; and its link:
/// `GET`/`PUT`/`DELETE /api/v1/albums/:id/share`; its pictures as one archive: `GET /api/v1/albums/:id/export`.
public enum AlbumsRoutes {
    static let collection = "/api/v1/albums"

    static func path(_ id: Int64) -> String { "\(collection)/\(id)" }

    /// The `:id` of the path; a malformed id is a 404 like an unknown one.
    static func albumID(_ request: Request) throws -> Int64 {
        try request.resourceID(orThrow: .albumNotFound)
    }

    public static func register(on router: inout Router, services: ImageServices, auth: AuthMiddleware) {
        let albums = services.albums
        router.get(collection, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            return try Response.json(AlbumListResponse(items: albums.list(userID: userID).map(AlbumResponse.init)))
        })
        router.post(collection, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let created = try albums.create(userID: userID, name: request.decodeJSON(AlbumNameRequest.self).name)
            var response = try Response.json(AlbumResponse(summary: created), status: .created)
            response.headers.set("Location", path(created.album.id))
            return response
        })
        router.get("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            return try Response.json(AlbumResponse(summary: albums.get(userID: userID, albumID: albumID(request))))
        })
        router.patch("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try albumID(request)
            let name = try request.decodeJSON(AlbumNameRequest.self).name
            return try Response.json(AlbumResponse(summary: albums.rename(userID: userID, albumID: id, name: name)))
        })
        router.delete("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            try albums.delete(userID: userID, albumID: albumID(request))
            return .noContent
        })
        router.get("\(collection)/:id/images", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try albumID(request)
            let limit = try ImageRequestOptions.limit(request)
            let order = try ImageRequestOptions.order(request)
            let after = try request.query["cursor"].map { try ImageCursor.decode($0, order: order) }
            let page = try albums.pictures(userID: userID, albumID: id, limit: limit, order: order, after: after).page
            let cursor = page.next.map { ImageCursor.encode($0, order: order) }
            let sort = order == .uploaded ? "" : "&sort=\(order.rawValue)"
            return Response.json(ImageListResponse(
                items: page.items.map(ImageSummaryResponse.init), nextCursor: cursor,
                links: .init(next: cursor.map { "\(path(id))/images?limit=\(limit)&cursor=\($0)\(sort)" })
            ))
        })
        router.post("\(collection)/:id/images", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try albumID(request)
            let body = try request.decodeJSON(AlbumPicturesRequest.self)
            let result = try albums.add(userID: userID, albumID: id, imageIDs: body.imageIDs)
            return try Response.json(AlbumPicturesAddedResponse(added: result.added, notFound: result.notFound))
        })
        router.delete("\(collection)/:id/images/:image_id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try albumID(request)
            guard let text = request.parameters["image_id"], let imageID = Int64(text), imageID > 0, text.first != "+" else {
                _ = try albums.get(userID: userID, albumID: id)  // an unknown album is the 404 to give first
                throw DomainError.imageNotFound
            }
            try albums.remove(userID: userID, albumID: id, imageID: imageID)
            return .noContent
        })
        router.put("\(collection)/:id/cover", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try albumID(request)
            let imageID = try request.decodeJSON(AlbumCoverRequest.self).imageID
            return try Response.json(AlbumResponse(summary: albums.setCover(userID: userID, albumID: id, imageID: imageID)))
        })
        router.delete("\(collection)/:id/cover", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            return try Response.json(AlbumResponse(summary: albums.setCover(userID: userID, albumID: albumID(request), imageID: nil)))
        })
        router.get("\(collection)/:id/export", auth.protecting { request in
            let user = try request.requireAuthentication().user
            let album = try albums.get(userID: user.id, albumID: albumID(request)).album
            return try services.export.response(for: user, album: album)
        })
        router.get("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let share = try services.albumShares.current(userID: userID, albumID: albumID(request))
            return try Response.json(ShareResponse(share, request: request, publicURL: services.publicURL))
        })
        router.put("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let result = try services.albumShares.share(userID: userID, albumID: albumID(request))
            return try Response.json(
                ShareResponse(result.share, request: request, publicURL: services.publicURL), status: result.created ? .created : .ok
            )
        })
        router.delete("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            try services.albumShares.stop(userID: userID, albumID: albumID(request))
            return .noContent
        })
    }
}
