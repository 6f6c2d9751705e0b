import MLPDomain

/// The upload form: the title is kept after a refusal (a browser never re-sends a file). After an upload of
/// several pictures of which some were refused, what happened to each file.
struct UploadView {
    /// One file of an upload of several: its name as the browser sent it, and what became of it.
    struct FileOutcome {
        let name: String
        let message: String
        /// The stored picture's page.
        let link: String?
    }

    var title = ""
    /// The model select, when the server has more than one model.
    var models: ModelChoice?
    /// "2 of 3 pictures were uploaded. Not uploaded:"; nil when nothing was refused file by file.
    var refusedHeading: String?
    var refused: [FileOutcome] = []
    var uploaded: [FileOutcome]?
    let maxFiles = UploadForm.maxFiles
    var titleError: String?
    var fileError: String?
    var formError: String?
    let maxTitleLength = ImageRules.maxTitleLength
}
