import Foundation
import HTTP
import MLPDomain

/// `/api/v1/images` and its sub-resources. Every route requires authentication and sees only the caller's
/// images: another user's id is a 404, never a 403.
public enum ImagesRoutes {
    static let collection = "/api/v1/images"

    static func path(_ id: Int64) -> String { "\(collection)/\(id)" }

    /// Where the labels of the caller's pictures are counted.
    static let labelsPath = "/api/v1/labels"

    /// The caller's pictures that have `label` among their current predictions, exactly (ignoring case).
    static func imagesLabelled(_ label: String) -> String {
        "\(collection)?label=\(FormEncoding.encode(label))&label_match=exact"
    }

    /// The caller's pictures one of their labels is suggested for.
    static func labelSuggestions(_ label: String) -> String {
        "\(labelsPath)/suggestions?label=\(FormEncoding.encode(label))"
    }

    /// Where the caller's shared pictures are listed.
    static let sharesPath = "/api/v1/users/me/shares"

    /// Where the caller's storage use and quota are read.
    static let storagePath = "/api/v1/users/me/storage"

    /// Where the caller's pictures are downloaded as one archive.
    static let exportPath = "/api/v1/users/me/export"

    /// Registers the routes behind `auth`.
    public static func register(on router: inout Router, services: ImageServices, auth: AuthMiddleware) {
        router.get(exportPath, auth.protecting { request in
            try services.export.response(for: try request.requireAuthentication().user)
        })
        router.get(sharesPath, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let listed = try services.shares.list(userID: userID)
            let albums = try services.albumShares.list(userID: userID)
            return try Response.json(SharedImagesResponse(listed, albums: albums, request: request, publicURL: services.publicURL))
        })
        router.get(storagePath, auth.protecting { request in
            let usage = try services.storage.execute(userID: try request.requireAuthentication().user.id)
            return Response.json(StorageUsageResponse(usage))
        })
        router.post(collection, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let classification = try ImageRequestOptions.classification(request)
            let key = try ImageRequestOptions.idempotencyKey(request)
            let body = try ImageUploadBody(request, kind: .upload)
            let result = try services.store(UploadImageUseCase.Input(
                userID: userID, bytes: body.bytes, title: body.title, classification: classification, idempotencyKey: key,
                albumID: body.albumID
            ))
            var response = Response.json(ImageResponse(result.details), status: result.created ? .created : .ok)
            response.headers.set("Location", path(result.details.image.id))
            if !result.created { response.headers.set("Idempotent-Replayed", "true") }
            return response
        })
        router.get(collection, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let limit = try ImageRequestOptions.limit(request)
            let order = try ImageRequestOptions.order(request)
            let after = try request.query["cursor"].map { try ImageCursor.decode($0, order: order) }
            let label = request.query["label"]
            let labelMatch = try ImageRequestOptions.labelMatch(request)
            let text = request.query["q"]
            let agreement = try ImageRequestOptions.agreement(request)
            let sha256 = request.query["sha256"]
            let (from, to) = (request.query["from"], request.query["to"])
            let favourite = try ImageRequestOptions.favourite(request)
            let maxScore = try ImageRequestOptions.maxScore(request)
            let on = request.query["on"]
            let page = try services.list.execute(
                userID: userID, limit: limit, order: order, after: after, label: label, labelMatch: labelMatch, text: text,
                agreement: agreement, sha256: sha256, from: from, to: to, favourite: favourite, maxScore: maxScore, on: on
            )
            let cursor = page.next.map { ImageCursor.encode($0, order: order) }
            var next: String?
            if let cursor {
                next = "\(collection)?limit=\(limit)&cursor=\(cursor)"
                let match = labelMatch == .contains ? nil : labelMatch.rawValue
                let sort = order == .uploaded ? nil : order.rawValue
                let filters = [
                    ("sort", sort), ("label", label), ("label_match", match), ("q", text), ("agreement", agreement?.rawValue), ("sha256", sha256),
                    ("from", from), ("to", to), ("favourite", favourite.map(String.init)),
                    ("max_score", request.query["max_score"]), ("on", on),
                ]
                for (name, value) in filters {
                    if let value, !value.isEmpty {
                        next! += "&\(name)=\(FormEncoding.encode(value))"
                    }
                }
            }
            return Response.json(ImageListResponse(
                items: page.items.map(ImageSummaryResponse.init), nextCursor: cursor, links: .init(next: next)
            ))
        })
        // A picture that is not stored: the caller's pictures with its bytes, and those most like it.
        router.post("\(collection)/search", auth.protectingRead { request in
            let userID = try request.requireAuthentication().user.id
            let limit = try ImageRequestOptions.limit(
                request, default: FindByPictureUseCase.defaultLimit, range: FindByPictureUseCase.limitRange
            )
            let body = try ImageUploadBody(request, kind: .search)
            let found = try services.findByPicture.execute(userID: userID, bytes: body.bytes, model: request.query["model"], limit: limit)
            return try Response.json(PictureSearchResponse(found))
        })
        router.get("\(collection)/duplicates", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            return try Response.json(DuplicateGroupsResponse(services.get.duplicates(userID: userID)))
        })
        router.get(labelsPath, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let limit = try ImageRequestOptions.limit(
                request, default: ListLabelsUseCase.defaultLimit, range: ListLabelsUseCase.limitRange
            )
            return try Response.json(LabelListResponse(services.labels.execute(userID: userID, limit: limit)))
        })
        router.get("\(labelsPath)/suggestions", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let limit = try ImageRequestOptions.limit(
                request, default: SuggestLabelsUseCase.defaultCandidateLimit, range: SuggestLabelsUseCase.candidateLimitRange
            )
            let found = try services.suggestLabels.candidates(userID: userID, label: request.query["label"] ?? "", limit: limit)
            return try Response.json(LabelCandidatesResponse(found))
        })
        // The most frequent request: the token check and the image read are one statement.
        router.get("\(collection)/:id", auth.protecting(checkingTokenAlong: { request, token in
            let id = try auth.parsing(token) { try ImageRequestOptions.imageID(request) }
            let cache = services.pictureCache
            // The row is always read (ownership, deletion, current digest); the picture only on a cache miss.
            let (session, details) = try services.get.execute(
                token: token, imageID: id, includeBytes: cache == nil, authenticate: auth.authenticate
            )
            guard let cache else { return ImageResponse.conditional(ImageResponse.bodyParts(details), request: request) }
            if let text = cache.text(imageID: id, sha256: details.image.sha256) {
                return ImageResponse.conditional(ImageResponse.bodyParts(details, base64: text), request: request)
            }
            let full = try services.get.execute(userID: session.user.id, imageID: id)
            let text = ImageResponse.base64Text(full)
            if let text { cache.store(imageID: id, sha256: full.image.sha256, text: text) }
            return ImageResponse.conditional(ImageResponse.bodyParts(full, base64: text), request: request)
        }))
        // The pages' thumbnails come from here, one request per tile: one statement as well.
        for (suffix, variant) in [("content", ImageVariant.original), ("thumbnail", .thumbnail)] {
            router.get("\(collection)/:id/\(suffix)", auth.protecting(checkingTokenAlong: { request, token in
                let (id, download, withoutMetadata) = try auth.parsing(token) {
                    (
                        try ImageRequestOptions.imageID(request), try ImageRequestOptions.download(request),
                        variant == .original ? try ImageRequestOptions.removesMetadata(request) : false
                    )
                }
                let content = try services.get.content(
                    token: token, imageID: id, variant: variant, withoutMetadata: withoutMetadata, authenticate: auth.authenticate
                )
                return ImageContentResponse.make(
                    content, request: request, maxAge: services.contentMaxAge, download: download ? (id, variant) : nil
                )
            }))
        }
        router.get("\(collection)/:id/predictions", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let predictions = try services.get.predictions(userID: userID, imageID: id, limit: PredictionHistoryResponse.maxListed)
            return try Response.json(PredictionHistoryResponse(predictions))
        })
        router.get("\(collection)/:id/similar", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let limit = try ImageRequestOptions.limit(
                request, default: GetImageUseCase.defaultSimilarLimit, range: GetImageUseCase.similarLimitRange
            )
            return try Response.json(SimilarImagesResponse(services.get.similar(userID: userID, imageID: id, limit: limit).similar))
        })
        router.get("\(collection)/:id/label-suggestions", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let found = try services.suggestLabels.execute(userID: userID, imageID: try ImageRequestOptions.imageID(request))
            return try Response.json(LabelSuggestionsResponse(found.suggestions, userLabel: found.details.image.userLabel))
        })
        router.get("\(collection)/:id/explanation", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let explanation = try services.explain.execute(
                userID: userID, imageID: id, model: request.query["model"],
                classIndex: try ImageRequestOptions.integer(request, "class_index", expected: "Must be the index of one of the model's classes."),
                grid: try ImageRequestOptions.integer(request, "grid", expected: ExplainImageUseCase.gridRule) ?? ExplainImageUseCase.defaultGrid
            )
            return try Response.json(ImageExplanationResponse(explanation, imageID: id))
        })
        router.get("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let share = try services.shares.current(userID: userID, imageID: try ImageRequestOptions.imageID(request))
            return try Response.json(ShareResponse(share, request: request, publicURL: services.publicURL))
        })
        router.put("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let result = try services.shares.share(userID: userID, imageID: try ImageRequestOptions.imageID(request))
            return try Response.json(
                ShareResponse(result.share, request: request, publicURL: services.publicURL), status: result.created ? .created : .ok
            )
        })
        router.delete("\(collection)/:id/share", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            try services.shares.stop(userID: userID, imageID: try ImageRequestOptions.imageID(request))
            return .noContent
        })
        router.patch("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let body = try request.decodeJSON(UpdateImageRequest.self)
            return try Response.json(ImageResponse(services.update.rename(userID: userID, imageID: id, title: body.title)))
        })
        router.put("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let classification = try ImageRequestOptions.classification(request)
            let body = try ImageUploadBody(request, kind: .replacement)
            let details = try services.update.replace(
                userID: userID, imageID: id, bytes: body.bytes, title: body.title, classification: classification
            )
            return Response.json(ImageResponse(details))
        })
        router.delete("\(collection)/:id", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            try services.delete.execute(userID: userID, imageID: try ImageRequestOptions.imageID(request))
            return .noContent
        })
        // One label for several pictures (the pages' "Label the selected pictures…").
        router.post(labelsPath, auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let body = try request.decodeJSON(LabelImagesRequest.self)
            guard !body.imageIDs.isEmpty else { throw DomainError.invalid("image_ids", "Name at least one picture.") }
            let result = try services.update.label(userID: userID, imageIDs: body.imageIDs, as: body.label)
            return Response.json(LabelImagesResponse(label: result.label, labelled: result.labelled, notFound: result.notFound))
        })
        router.put("\(collection)/:id/label", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let body = try request.decodeJSON(ImageLabelRequest.self)
            return try Response.json(ImageResponse(services.update.label(userID: userID, imageID: id, as: body.label)))
        })
        router.delete("\(collection)/:id/label", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            _ = try services.update.label(userID: userID, imageID: try ImageRequestOptions.imageID(request), as: nil)
            return .noContent
        })
        // The owner's favourites: marking twice, or unmarking a picture that is not one, is not an error.
        router.put("\(collection)/:id/favourite", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            return try Response.json(ImageResponse(services.update.favourite(userID: userID, imageID: id, true)))
        })
        router.delete("\(collection)/:id/favourite", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            return try Response.json(ImageResponse(services.update.favourite(userID: userID, imageID: id, false)))
        })
        // Turned by rewriting the orientation its file declares, then stored and classified as a replacement.
        router.post("\(collection)/:id/rotate", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let body = try request.decodeJSON(RotateImageRequest.self)
            return try Response.json(ImageResponse(services.update.turn(userID: userID, imageID: id, degrees: body.degrees)))
        })
        router.post("\(collection)/:id/classify", auth.protecting { request in
            let userID = try request.requireAuthentication().user.id
            let id = try ImageRequestOptions.imageID(request)
            let output = try services.reclassify.execute(
                userID: userID, imageID: id, classification: try ImageRequestOptions.classification(request)
            )
            return Response.json(ImageResponse(output.details))
        })
    }
}
