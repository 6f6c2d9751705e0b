import HTTP
import MLPDomain

/// The pages about the owner's own labels: the labels page, "Your label" on a picture's page, labelling one
/// picture after another, and one label for a selection.
extension ImagePages {
    /// Labels shown on the labels page at most (the most frequent; the page says how many there are).
    static let labelsShown = 300

    /// `GET /labels`: every label of the user's pictures with how many carry it, each a link to them.
    func labels(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let output = try images.labels.execute(userID: session.user.id, limit: Self.labelsShown)
        return try pages.render("labels", title: "Labels", view: LabelsView(output), request: request)
    }

    /// `GET /labels/suggestions?label=`: the pictures without a label of the user's that this label of theirs is
    /// suggested for, checked, with one button to label them; a label nobody could give is the labels page's
    /// business, so it leads there.
    func labelCandidates(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let found: SuggestLabelsUseCase.Candidates
        do {
            found = try images.suggestLabels.candidates(
                userID: session.user.id, label: request.query["label"] ?? "", limit: SuggestLabelsUseCase.candidateLimitRange.upperBound
            )
        } catch let error as DomainError where error.code == .validation {
            return pages.redirect(to: "/labels", request: request)
        }
        let view = LabelCandidatesView(found)
        return try pages.render("label-suggestions", title: "Pictures that may be \(found.label)", view: view, request: request)
    }

    /// `GET /images/label?id=…`: the gallery's selection with a field for one label of the owner's own. Ids that
    /// are not the user's pictures are left out; none left → back to the gallery with a notice.
    func labellingSelection(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.query.values("id"))
        let details = try selectedPictures(ids, userID: session.user.id)
        guard !details.isEmpty else {
            let message = ids.isEmpty ? "Select the pictures to label first." : "The selected pictures no longer exist."
            return pages.redirect(to: "/images", flash: .notice(message), request: request)
        }
        let view = LabelImagesView(details, userLabels: try images.labels.userLabels(userID: session.user.id))
        return try pages.render("images-label", title: view.heading, view: view, request: request)
    }

    /// `POST /images/label`: the label for every selected picture of the user, all in one transaction; a refused
    /// label is the form again with why, nothing changed.
    func labelSelection(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let ids = try Self.selectedIDs(request.web.form.values("id"))
        let label = request.web.form["label"] ?? ""
        let result: (label: String, labelled: [Int64], notFound: [Int64])
        do {
            result = try images.update.label(userID: session.user.id, imageIDs: ids, as: label)
        } catch let error as DomainError where error.code == .validation {
            let details = try selectedPictures(ids, userID: session.user.id)
            guard !details.isEmpty else { return pages.redirect(to: "/images", request: request) }
            var view = LabelImagesView(details, userLabels: try images.labels.userLabels(userID: session.user.id))
            view.labelValue = label
            view.labelError = error.fieldErrors.first?.message ?? error.message
            return try WebPages.refusal(pages.render("images-label", title: view.heading, view: view, request: request), error)
        }
        let message = switch result.labelled.count {
        case 0 where ids.isEmpty: "Select the pictures to label first."
        case 0: "No picture was labelled: the selected ones no longer exist."
        case 1: "1 picture is now labelled “\(result.label)”."
        case let count: "\(count) pictures are now labelled “\(result.label)”."
        }
        // From "Pictures that may be …": back there, where the pictures just labelled are gone and the next ones show.
        let back = request.web.form["from"] == "suggestions" ? LabelCandidatesView.url(result.label) : "/images"
        return pages.redirect(to: back, flash: .notice(message), request: request)
    }

    /// `POST /images/:id/label`: what the owner says the picture shows; a refused label is the page again with
    /// what was typed and why.
    func saveLabel(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let id = try Self.imageID(request)
        let label = request.web.form["label"] ?? ""
        // From "Label your pictures one by one": on to the next picture without a label, older than this one.
        let labelling = request.web.form["next"] == "unlabelled"
        do {
            _ = try images.update.label(userID: session.user.id, imageID: id, as: label)
            let next = labelling ? ImageDetailView.Labelling(imageID: id).skipURL : "/images/\(id)#label"
            return pages.redirect(to: next, flash: .notice("Your label was saved."), request: request)
        } catch let error as DomainError where error.code == .validation {
            return try detailPage(refusing: error, imageID: id, session: session, request: request) { view in
                view.labelValue = label
                view.labelError = error.fieldErrors.first?.message ?? error.message
                if labelling { view.labelling = .init(imageID: id) }
            }
        }
    }

    /// Labelling pictures one by one starts here, and each saved or skipped picture comes back here.
    static let nextUnlabelledPath = "/images/next-unlabelled"

    /// `GET /images/next-unlabelled[?before=ID]`: to the page of the newest picture without the owner's label
    /// (older than `before`, so that a skipped one does not come back), in labelling mode; when there is none,
    /// to the pictures still without a label (those skipped), or the note that there are none. A `before` that is
    /// not an id is ignored, as the gallery ignores it: it only comes from links.
    func nextUnlabelled(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let before = request.query["before"].flatMap { Int64($0) }
        let page = try images.list.execute(
            userID: session.user.id, limit: 1, after: before.map { ImageListPosition(id: $0) }, label: nil, labelMatch: .exact, text: nil, agreement: .unlabelled
        )
        if let next = page.items.first {
            // A flash from the label just saved is passed on by the redirect.
            return pages.redirect(to: "/images/\(next.image.id)?labelling=1#label", request: request)
        }
        guard before != nil else { return pages.redirect(to: "/images?agreement=unlabelled", request: request) }
        let done = "That was the last picture without your label."
        let message = request.web.flash.map { $0.message + " " + done } ?? done
        return pages.redirect(to: "/images?agreement=unlabelled", flash: .notice(message), request: request)
    }
}
