import HTTP
import MLPDomain

/// The upload form (`GET /images/new`, `POST /images`): one picture or several, with a title, a model when there
/// are several, and an album of the user's that every stored picture goes into (`?album=ID` chooses it, as the
/// album page's "Upload pictures into this album" links).
extension ImagePages {
    func registerUpload(on router: inout PageRouter) {
        router.get("/images/new", loggedIn { request, session in
            var view = UploadView(models: ModelChoice.offered(images.classifier.models))
            view.albums = AlbumSelect.offered(try images.albums.list(userID: session.user.id), selected: request.query["album"])
            view.cancelURL = view.albums?.chosen.map(AlbumPages.url) ?? view.cancelURL
            return try pages.render("image-new", title: "Upload pictures", view: view, request: request)
        })
        router.post("/images", loggedIn(upload))
    }

    /// One picture: its page on success, else the form again with the reason beside the field that caused it.
    /// Several: each stored on its own (one refused picture loses none of the others); all stored → the gallery
    /// (or the album they went into); otherwise the form again, listing what was uploaded (with links) and why
    /// each other file was not. An album that is not the user's (deleted meanwhile) is refused before anything is
    /// stored.
    private func upload(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let form = try UploadForm(request)
        let userID = session.user.id
        var view = UploadView(title: form.title ?? "", models: ModelChoice.offered(images.classifier.models, selected: form.model))
        func formPage(_ status: HTTPStatus = .ok) throws -> Response {
            view.albums = AlbumSelect.offered(try images.albums.list(userID: userID), selected: form.album)
            return try pages.render("image-new", title: "Upload pictures", view: view, request: request, status: status)
        }
        guard !form.files.isEmpty else {
            view.fileError = "Choose a picture to upload (JPEG or PNG)."
            return try formPage(.unprocessableContent)
        }
        guard form.files.count <= UploadForm.maxFiles else {
            view.fileError = "Choose at most \(UploadForm.maxFiles) pictures at a time (you chose \(form.files.count)); none was uploaded."
            return try formPage(.unprocessableContent)
        }
        var album: Album?
        if let chosen = form.album {
            do {
                album = try images.albums.get(userID: userID, albumID: Int64(chosen) ?? 0).album
            } catch let error as DomainError where error == .albumNotFound {
                view.albumError = "That album no longer exists. Choose another one, or none; nothing was uploaded."
                return try WebPages.refusal(formPage(), DomainError.invalid("album", view.albumError ?? ""))
            }
        }
        var uploaded: [UploadView.FileOutcome] = []
        var storedIDs: [Int64] = []
        var refused: [UploadView.FileOutcome] = []
        var firstRefusal: DomainError?
        for file in form.files {
            do {
                let image = try images.store(.init(
                    userID: userID, bytes: file.bytes, title: form.title, classification: ClassificationRequest(model: form.model)
                )).details.image
                storedIDs.append(image.id)
                uploaded.append(.init(name: file.name, message: "uploaded and classified", link: "/images/\(image.id)"))
            } catch let error as DomainError where error.code != .notFound {
                let messages = Self.messages(error)
                // A refused title is refused for every picture (they share it), before the first one is stored.
                if form.files.count == 1 || messages.title != nil {
                    (view.titleError, view.fileError, view.formError) = messages
                    return try WebPages.refusal(formPage(), error)
                }
                refused.append(.init(name: file.name, message: messages.file ?? messages.form ?? error.message, link: nil))
                firstRefusal = firstRefusal ?? error
            }
        }
        let inAlbum = try put(storedIDs, into: album, userID: userID)
        guard let firstRefusal else {
            if form.files.count == 1, let id = storedIDs.first {
                let page = inAlbum.map { "/images/\(id)?album=\($0.id)" } ?? "/images/\(id)"
                return pages.redirect(to: page, flash: .notice("Uploaded and classified\(Self.into(inAlbum))."), request: request)
            }
            let message = "\(uploaded.count) pictures uploaded and classified\(Self.into(inAlbum))."
            return pages.redirect(to: inAlbum.map { AlbumPages.url($0.id) } ?? "/images", flash: .notice(message), request: request)
        }
        view.refusedHeading = uploaded.isEmpty
            ? "None of the \(form.files.count) pictures was uploaded:"
            : "\(uploaded.count) of \(form.files.count) pictures were uploaded\(Self.into(inAlbum)). Not uploaded:"
        view.refused = refused
        view.uploaded = uploaded.isEmpty ? nil : uploaded
        // Nothing stored: the status of the first refusal, as for one picture. Some stored: the request did
        // something, and the page says what.
        return uploaded.isEmpty ? try WebPages.refusal(formPage(), firstRefusal) : try formPage()
    }

    /// Puts the stored pictures into the chosen album; the album when they are in it (nil when none was chosen,
    /// nothing was stored, or the album was deleted while they were uploaded: they are in the gallery then).
    private func put(_ ids: [Int64], into album: Album?, userID: Int64) throws -> Album? {
        guard let album, !ids.isEmpty else { return nil }
        do {
            return try images.albums.add(userID: userID, albumID: album.id, imageIDs: ids).added.isEmpty ? nil : album
        } catch let error as DomainError where error == .albumNotFound {
            return nil
        }
    }

    /// ", and put into “Rome”" after "uploaded and classified", when they went into an album.
    private static func into(_ album: Album?) -> String {
        album.map { ", and put into “\($0.name)”" } ?? ""
    }
}
