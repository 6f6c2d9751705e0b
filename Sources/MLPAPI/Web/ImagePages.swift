import HTTP
import MLPDomain

/// The gallery, upload, detail, edit and delete pages, on the same use cases as `/api/v1/images`.
struct ImagePages {
    /// Tiles per gallery page.
    static let pageSize = 24

    let pages: WebPages
    let images: ImageServices

    /// The picture and thumbnail come from the JSON API's content routes, which accept the session cookie. A browser
    /// keeps them for a minute (`Cache-Control: private, max-age=60`), so a page names the version it shows: `v`, the
    /// start of the picture's SHA-256 (which the routes ignore), changes when the picture is replaced or turned, and
    /// the page then shows the new picture and thumbnail at once.
    static func pictureURL(_ id: Int64, version sha256: String? = nil) -> String { versioned("/api/v1/images/\(id)/content", sha256) }
    static func thumbnailURL(_ id: Int64, version sha256: String? = nil) -> String { versioned("/api/v1/images/\(id)/thumbnail", sha256) }

    private static func versioned(_ path: String, _ sha256: String?) -> String {
        sha256.map { "\(path)?v=\($0.prefix(12))" } ?? path
    }

    func register(on router: inout PageRouter) {
        router.get("/images", loggedIn(gallery))
        router.get("/labels", loggedIn(labels))
        router.get("/labels/suggestions", loggedIn(labelCandidates))
        router.get("/images/duplicates", loggedIn { request, session in
            let view = DuplicatesView(try images.get.duplicates(userID: session.user.id))
            return try pages.render("images-duplicates", title: "Duplicate pictures", view: view, request: request)
        })
        registerUpload(on: &router)
        registerAlbums(on: &router)
        registerFavourites(on: &router)
        router.get("/images/search", loggedIn(searchForm))
        router.post("/images/search", loggedIn(searchByPicture))
        router.get("/images/delete", loggedIn(confirmDeletingSelection))
        router.get(Self.nextUnlabelledPath, loggedIn(nextUnlabelled))
        router.get("/images/label", loggedIn(labellingSelection))
        router.post("/images/label", loggedIn(labelSelection))
        router.post("/images/delete", loggedIn(deleteSelection))
        router.get("/images/:id", loggedIn { request, session in
            let details = try images.get.execute(userID: session.user.id, imageID: try Self.imageID(request), includeBytes: false)
            var view = ImageDetailView(details)
            if request.query["labelling"] == "1" { view.labelling = .init(imageID: details.image.id) }
            let order = OrderSwitch.order(of: request)
            view.navigation = try navigation(for: details.image.id, session: session, album: request.query["album"], order: order)
            let album = request.query["album"].flatMap { Int64($0) }.map { ["album=\($0)"] } ?? []
            view.pageURL = OrderSwitch.url(view.pageURL, album + OrderSwitch.parameters(order))
            return try detailPage(view, request: request)
        })
        router.get("/images/:id/similar", loggedIn { request, session in
            let id = try Self.imageID(request)
            let found = try images.get.similar(userID: session.user.id, imageID: id, limit: Self.similarShown)
            let view = SimilarImagesView(found.details, similar: found.similar)
            return try pages.render("image-similar", title: "Pictures like \(view.displayTitle)", view: view, request: request)
        })
        router.get("/images/:id/explanation", loggedIn { request, session in
            let id = try Self.imageID(request)
            let details = try images.get.execute(userID: session.user.id, imageID: id, includeBytes: false)
            // Only the labels the page offers: the picture's current ones, while their model is loaded (it is then
            // the one that explains them). Anything else explains the top label.
            let asked = request.query["class_index"].flatMap(Int.init)
            let offered = ExplainImageUseCase.modelOfLabels(details.predictions, loaded: images.classifier.models) != nil
                && details.predictions.contains { $0.classIndex == asked }
            let classIndex = offered ? asked : nil
            let explanation = try images.explain.execute(userID: session.user.id, imageID: id, classIndex: classIndex)
            let view = ExplanationView(details, explanation: explanation)
            return try pages.render(
                "image-explanation", title: "Where the model sees \(explanation.score.label)", view: view, request: request
            )
        })
        router.post("/images/:id/title", loggedIn(rename))
        router.post("/images/:id/share", loggedIn { request, session in
            let id = try Self.imageID(request)
            let result = try images.shares.share(userID: session.user.id, imageID: id)
            let message = result.created ? "Anyone with the link can now see this picture." : "The picture already has a link."
            return pages.redirect(to: "/images/\(id)#share", flash: .notice(message), request: request)
        })
        router.post("/images/:id/share/delete", loggedIn { request, session in
            let id = try Self.imageID(request)
            let stopped = try images.shares.stop(userID: session.user.id, imageID: id)
            let message = stopped ? "The link no longer works." : "The picture was not shared."
            // From the account's list of shared pictures, back to that list.
            let back = request.web.form["from"] == "account" ? "/account#shares" : "/images/\(id)#share"
            return pages.redirect(to: back, flash: .notice(message), request: request)
        })
        // A share link's page and picture, for anyone who has the link (logged in or not).
        router.get("/s/:token", sharedPage)
        for (suffix, variant) in [("content", ImageVariant.original), ("thumbnail", .thumbnail)] {
            router.get("/s/:token/\(suffix)") { request in
                let content = try images.shares.content(token: Self.shareToken(request), variant: variant)
                // Revalidated on every use (max-age 0), so a link that was stopped stops showing the picture.
                return Self.unlisted(ImageContentResponse.make(content, request: request, maxAge: 0))
            }
        }
        router.post("/images/:id/picture", loggedIn(replace))
        router.post("/images/:id/classify", loggedIn(classifyAgain))
        router.post("/images/:id/label", loggedIn(saveLabel))
        router.post("/images/:id/label/delete", loggedIn { request, session in
            let id = try Self.imageID(request)
            _ = try images.update.label(userID: session.user.id, imageID: id, as: nil)
            return pages.redirect(to: "/images/\(id)#label", flash: .notice("Your label was removed."), request: request)
        })
        router.get("/images/:id/delete", loggedIn { request, session in
            let details = try images.get.execute(userID: session.user.id, imageID: try Self.imageID(request), includeBytes: false)
            let view = PictureRow(details.image)
            return try pages.render("image-delete", title: "Delete \(view.displayTitle)?", view: view, request: request)
        })
        router.post("/images/:id/delete", loggedIn { request, session in
            try images.delete.execute(userID: session.user.id, imageID: try Self.imageID(request))
            return pages.redirect(to: "/images", flash: .notice("The picture was deleted."), request: request)
        })
    }

    /// Runs `handler` with the session, or sends the visitor to the login page.
    func loggedIn(_ handler: @escaping @Sendable (Request, AuthenticatedSession) throws -> Response) -> Handler {
        { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            return try handler(request, session)
        }
    }

    private func gallery(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        // `q` searches titles and labels; `label` keeps the pictures with exactly that label (the links of the
        // labels page and of a picture's labels). Overlong values are cut, not refused: they come from links.
        func parameter(_ name: String, max: Int) -> String {
            String((request.query[name] ?? "").trimmingCharacters(in: .whitespaces).unicodeScalars.prefix(max))
        }
        let query = parameter("q", max: ImageRules.maxTitleLength)
        let label = parameter("label", max: ImageRules.maxLabelLength)
        // `from` and `to`: the days taken (the date fields of the search form); what is not a day is ignored, and
        // days given the wrong way round are swapped.
        var days = (from: parameter("from", max: 10), to: parameter("to", max: 10))
        if CalendarDay.start(of: days.from) == nil { days.from = "" }
        if CalendarDay.start(of: days.to) == nil { days.to = "" }
        if !days.from.isEmpty, !days.to.isEmpty, days.to < days.from { days = (days.to, days.from) }
        // `sort=taken`: the latest taken first (OrderSwitch).
        let (order, after) = OrderSwitch.position(of: request)
        // `agreement` (from the labels page) keeps the pictures whose owner's label is, or is not, the top label.
        let agreement = request.query["agreement"].flatMap(AgreementFilter.init(rawValue:))
        // `favourite=true`: only the favourites (any other value shows every picture); `max_score` (from the labels
        // page): the pictures whose top label scores at most that (a value out of range is ignored).
        let favouritesOnly = request.query["favourite"] == "true"
        let maxScore = request.query["max_score"].flatMap(Double.init).flatMap { $0 > 0 && $0 <= 1 ? $0 : nil }
        // `on=MM-DD`: the pictures taken on that day of the year, in any year ("On this day"; not a day is ignored).
        let dayOfYear = request.query["on"].flatMap(DayOfYear.init)
        let page = try images.list.execute(
            userID: session.user.id, limit: Self.pageSize, order: order, after: after, label: label.isEmpty ? nil : label,
            labelMatch: .exact, text: query.isEmpty ? nil : query, agreement: agreement, from: days.from, to: days.to,
            favourite: favouritesOnly ? true : nil, maxScore: maxScore, on: dayOfYear?.text
        )
        let view = GalleryView(
            page: page, query: query, label: label, agreement: agreement, days: days, order: order, after: after,
            favouritesOnly: favouritesOnly, maxScore: maxScore, dayOfYear: dayOfYear, today: DayOfYear(of: images.clock.now())
        )
        return try pages.render("images", title: "Your pictures", view: view, request: request)
    }

    /// Pictures shown on a picture's "Pictures like this" page.
    static let similarShown = 24

    /// Pictures one selection may hold (a gallery page shows fewer).
    static let maxSelection = 100

    /// The ids a selection names (`id`, repeated), or a readable refusal for too many; not numbers are ignored.
    static func selectedIDs(_ values: [String]) throws -> [Int64] {
        guard values.count <= maxSelection else {
            throw PageError(status: .unprocessableContent, title: "Too many pictures selected",
                            message: "Select at most \(maxSelection) pictures at a time.")
        }
        return values.compactMap { Int64($0) }.filter { $0 > 0 }.uniqued()
    }

    /// `GET /images/delete?id=…`: the gallery's selection, to confirm. Ids that are not the user's pictures are
    /// left out (as if they did not exist); none left → back to the gallery with a notice.
    private func confirmDeletingSelection(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.query.values("id"))
        let pictures = try selectedPictures(ids, userID: session.user.id).map { PictureRow($0.image) }
        guard !pictures.isEmpty else {
            let message = ids.isEmpty ? "Select the pictures to delete first." : "The selected pictures no longer exist."
            return pages.redirect(to: "/images", flash: .notice(message), request: request)
        }
        let view = DeleteImagesView(pictures: pictures)
        return try pages.render("images-delete", title: view.heading, view: view, request: request)
    }

    /// `POST /images/delete`: deletes each selected picture of the user (each on its own, as the API's DELETE
    /// does); ids that are not the user's pictures, or already deleted, are skipped.
    private func deleteSelection(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.web.form.values("id"))
        var deleted = 0
        for id in ids {
            do {
                try images.delete.execute(userID: session.user.id, imageID: id)
                deleted += 1
            } catch let error as DomainError where error.code == .notFound {
                continue
            }
        }
        let message = switch deleted {
        case 0 where ids.isEmpty: "Select the pictures to delete first."
        case 0: "No picture was deleted: the selected ones no longer exist."
        case 1: "1 picture was deleted."
        default: "\(deleted) pictures were deleted."
        }
        return pages.redirect(to: "/images", flash: .notice(message), request: request)
    }

    /// The user's pictures among `ids`, in that order; others' and deleted ones are left out.
    func selectedPictures(_ ids: [Int64], userID: Int64) throws -> [ImageDetails] {
        try ids.compactMap { id in
            do {
                return try images.get.execute(userID: userID, imageID: id, includeBytes: false)
            } catch let error as DomainError where error.code == .notFound {
                return nil
            }
        }
    }

    private func rename(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let title = request.web.form["title"]
        do {
            _ = try images.update.rename(userID: session.user.id, imageID: id, title: title)
            return pages.redirect(to: "/images/\(id)", flash: .notice("The title was saved."), request: request)
        } catch let error as DomainError where error.code == .validation {
            return try detailPage(refusing: error, imageID: id, session: session, request: request) { view in
                view.title = title ?? ""
                view.titleError = Self.messages(error).title ?? error.message
            }
        }
    }

    private func replace(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let form = try UploadForm(request)
        var failure: DomainError?
        if let bytes = form.file {
            do {
                _ = try images.update.replace(userID: session.user.id, imageID: id, bytes: bytes, title: nil)
                return pages.redirect(to: "/images/\(id)", flash: .notice("The picture was replaced and classified again."), request: request)
            } catch let error as DomainError where error.code != .notFound {
                failure = error
            }
        }
        guard let failure else {
            var view = ImageDetailView(try images.get.execute(userID: session.user.id, imageID: id, includeBytes: false))
            view.fileError = "Choose a picture to upload (JPEG or PNG)."
            return try detailPage(view, request: request, status: .unprocessableContent)
        }
        return try detailPage(refusing: failure, imageID: id, session: session, request: request) { view in
            let messages = Self.messages(failure)
            view.fileError = messages.file ?? messages.form
        }
    }

    /// `POST /images/:id/classify`: runs the chosen model (else the default) on the picture again; the labels
    /// it had become history. An unknown model (the select offers the loaded ones) is the page again with why.
    private func classifyAgain(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let model = request.web.form["model"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let output = try images.reclassify.execute(
                userID: session.user.id, imageID: id, classification: ClassificationRequest(model: model)
            )
            let used = output.details.predictions.first.map { " with \($0.model.name) \($0.model.version)" } ?? ""
            return pages.redirect(to: "/images/\(id)", flash: .notice("Classified again\(used)."), request: request)
        } catch let error as DomainError where error.code == .validation {
            return try detailPage(refusing: error, imageID: id, session: session, request: request) { view in
                view.classify = ClassifyAgain.offered(images.classifier.models, current: view.currentModel, selected: model)
                    ?? ClassifyAgain(reason: "Run the model on this picture again.", models: nil)
                view.classify?.error = error.fieldErrors.first?.message ?? error.message
            }
        }
    }

    /// The picture's page again after one of its forms was refused: `mark` puts back what was sent and says why;
    /// the status is the refusal's.
    func detailPage(
        refusing error: DomainError, imageID: Int64, session: AuthenticatedSession, request: Request,
        mark: (inout ImageDetailView) -> Void
    ) throws -> Response {
        var view = ImageDetailView(try images.get.execute(userID: session.user.id, imageID: imageID, includeBytes: false))
        mark(&view)
        return try WebPages.refusal(detailPage(view, request: request), error)
    }

    /// Above a picture's page: back to the album it was opened from (`?album=`, when that album is the user's and
    /// holds it), with its place there and the pictures beside it in the album; else back to the gallery, with
    /// the pictures beside it there; both in the order the list was in (`?sort=taken` from a list in the order by
    /// the time taken, else by upload).
    private func navigation(for id: Int64, session: AuthenticatedSession, album: String?, order: ImageOrder) throws -> PictureNavigation {
        let sort = OrderSwitch.parameters(order)
        if let albumID = album.flatMap({ Int64($0) }),
           let place = try images.albums.place(userID: session.user.id, albumID: albumID, imageID: id, order: order) {
            return PictureNavigation(
                backURL: OrderSwitch.url(AlbumPages.url(albumID), sort), backLabel: place.album.name, neighbours: place.neighbours,
                pictureURL: { OrderSwitch.url("/images/\($0)", ["album=\(albumID)"] + sort) }
            )
        }
        let neighbours = try images.list.neighbours(userID: session.user.id, imageID: id, order: order)
        return PictureNavigation(
            backURL: OrderSwitch.url("/images", sort), backLabel: "All pictures", neighbours: neighbours,
            pictureURL: { OrderSwitch.url("/images/\($0)", sort) }
        )
    }

    /// The detail page; with history, the earlier classifications are read for it (one more statement).
    private func detailPage(_ view: ImageDetailView, request: Request, status: HTTPStatus = .ok) throws -> Response {
        var view = view
        if view.classify == nil {
            view.classify = ClassifyAgain.offered(images.classifier.models, current: view.currentModel)
        }
        if let session = pages.session(of: request) {
            if view.hasHistory {
                let earlier = try images.get.predictions(
                    userID: session.user.id, imageID: view.id, limit: ImageDetailView.maxHistoryRows
                )
                view.earlier = ImageDetailView.EarlierClassification.group(earlier.filter { !$0.isCurrent })
            }
            view.share = try images.shares.current(userID: session.user.id, imageID: view.id).map {
                ImageDetailView.Share(
                    url: ShareLink.url($0.token, request: request, publicURL: images.publicURL), path: ShareLink.path($0.token),
                    since: AccountPages.day($0.createdAt)
                )
            }
            if view.userLabel == nil {
                view.suggest(try images.suggestLabels.suggestions(
                    imageID: view.id, predictions: view.currentPredictions, userID: session.user.id
                ))
            }
            view.offer(userLabels: try images.labels.userLabels(userID: session.user.id))
            view.albums = PictureAlbums(
                holding: try images.albums.albums(userID: session.user.id, containing: view.id),
                all: try images.albums.list(userID: session.user.id).map(\.album)
            )
        }
        return try pages.render("image", title: view.displayTitle, view: view, request: request, status: status)
    }

    /// Messages for the title field, the file field and the form as a whole.
    static func messages(_ error: DomainError) -> (title: String?, file: String?, form: String?) {
        var title: String?, file: String?, form: String?
        for field in error.fieldErrors {
            switch field.field {
            case "title": title = field.message
            case "image", "file": file = field.message
            default: form = field.message
            }
        }
        switch error.code {
        case .unsupportedMediaType, .tooLarge, .quotaExceeded: file = file ?? error.message
        case .validation: if title == nil && file == nil { form = form ?? error.message }
        default: form = form ?? error.message
        }
        return (title, file, form)
    }

    /// `GET /s/:token`: the shared picture's page; an unknown or stopped link is a 404 page.
    private func sharedPage(_ request: Request) throws -> Response {
        let token = try Self.shareToken(request)
        let opened = try images.shares.open(token: token)
        var view = ImageDetailView(opened.details)
        view.pictureURL = ShareLink.path(token) + "/content"
        view.sharedSince = AccountPages.day(opened.share.createdAt)
        return Self.unlisted(try pages.render("shared", title: view.displayTitle, view: view, request: request))
    }

    /// The `:token` of a share path (the use case refuses a malformed one as not found).
    static func shareToken(_ request: Request) throws -> String {
        guard let token = request.parameters["token"] else { throw PageError.notFound }
        return token
    }

    static func imageID(_ request: Request) throws -> Int64 {
        let id = try request.parameters.require("id", as: Int64.self)
        guard id > 0 else { throw PageError.notFound }
        return id
    }
}
