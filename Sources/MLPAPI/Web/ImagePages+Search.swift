import Foundation
import HTTP
import MLPDomain

/// "Find by picture": `GET /images/search` (the form) and `POST /images/search` (a picture the user has at hand,
/// not stored: what the model sees in it, the user's pictures with the same bytes and those most like it).
extension ImagePages {
    func searchForm(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let view = PictureSearchView(models: ModelChoice.offered(images.classifier.models))
        return try pages.render("images-search", title: "Find by picture", view: view, request: request)
    }

    func searchByPicture(_ request: Request, _ session: AuthenticatedSession) throws -> Response {
        let form = try UploadForm(request)
        var view = PictureSearchView(models: ModelChoice.offered(images.classifier.models, selected: form.model))
        func page() throws -> Response {
            try pages.render("images-search", title: "Find by picture", view: view, request: request)
        }
        guard form.files.count == 1, let file = form.files.first else {
            view.fileError = form.files.isEmpty ? "Choose a picture (JPEG or PNG)." : "Choose one picture."
            return try WebPages.refusal(page(), DomainError.invalid("file", view.fileError ?? ""))
        }
        do {
            let found = try images.findByPicture.execute(
                userID: session.user.id, bytes: file.bytes, model: form.model, limit: Self.similarShown
            )
            view.results = PictureSearchView.Results(found, name: file.name)
            return try page()
        } catch let error as DomainError where error.code != .notFound {
            let messages = Self.messages(error)
            view.fileError = messages.file
            view.formError = messages.form ?? messages.title
            return try WebPages.refusal(page(), error)
        }
    }
}

/// The "Find by picture" page: the form, and after a search what was found.
struct PictureSearchView {
    /// One class the model sees, with its score.
    struct Label {
        let label: String
        let score: ScoreView
        /// The user's pictures with this label.
        let labelURL: String
    }

    /// What a search found.
    struct Results {
        /// The file's name as the browser gave it.
        let name: String
        let labels: [Label]
        /// "efficientnet-lite0 1".
        let model: String
        /// The user's pictures with the very same bytes.
        let same: [GalleryView.Item]
        let hasSame: Bool
        let sameMoreThanOnce: Bool
        let similar: [SimilarImagesView.Item]
        let hasSimilar: Bool

        init(_ found: FindByPictureUseCase.Output, name: String) {
            self.name = name
            labels = found.classification.scores.map {
                Label(label: $0.label, score: ScoreView($0.score), labelURL: LabelsView.galleryURL($0.label))
            }
            model = "\(found.classification.model.name) \(found.classification.model.version)"
            same = found.sameBytes.map(GalleryView.Item.init)
            hasSame = !found.sameBytes.isEmpty
            sameMoreThanOnce = found.sameBytes.count > 1
            similar = found.similar.map { SimilarImagesView.Item(tile: GalleryView.Item($0.summary), similarity: ScoreView($0.similarity)) }
            hasSimilar = !found.similar.isEmpty
        }
    }

    let models: ModelChoice?
    var fileError: String?
    var formError: String?
    var results: Results?

    init(models: ModelChoice?) {
        self.models = models
    }
}
