import MLPDomain

/// The upload form: the title is kept after a refusal (a browser never re-sends a file).
struct UploadView {
    var title = ""
    var titleError: String?
    var fileError: String?
    var formError: String?
    let maxTitleLength = ImageRules.maxTitleLength
}
