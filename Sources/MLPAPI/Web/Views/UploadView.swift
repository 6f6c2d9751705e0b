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
    /// The album select, when the user has albums; why the chosen one was refused.
    var albums: AlbumSelect?
    var albumError: String?
    /// Where "Cancel" leads: the gallery, or the album the form was opened from.
    var cancelURL = "/images"
}

/// The upload form's choice of album: none, or one of the user's.
struct AlbumSelect {
    struct Option {
        let id: Int64
        let name: String
        let selected: Bool
    }

    let options: [Option]
    /// The chosen album, when it is one of the options.
    let chosen: Int64?

    /// The user's albums with `selected` (an id as sent) chosen; nil when the user has none.
    static func offered(_ albums: [AlbumSummary], selected: String?) -> AlbumSelect? {
        guard !albums.isEmpty else { return nil }
        let chosen = selected.flatMap { Int64($0) }.flatMap { id in albums.contains { $0.album.id == id } ? id : nil }
        return AlbumSelect(
            options: albums.map { Option(id: $0.album.id, name: $0.album.name, selected: $0.album.id == chosen) }, chosen: chosen
        )
    }
}
