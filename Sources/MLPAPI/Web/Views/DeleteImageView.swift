/// The confirmation step before a picture is deleted.
struct DeleteImageView {
    let id: Int64
    let displayTitle: String
    let thumbnailURL: String
}

/// The confirmation step before the pictures selected in the gallery are deleted (stored properties: the
/// templates see no computed ones).
struct DeleteImagesView {
    let pictures: [DeleteImageView]
    let heading: String
    let button: String

    init(pictures: [DeleteImageView]) {
        self.pictures = pictures
        heading = pictures.count == 1 ? "Delete this picture?" : "Delete these \(pictures.count) pictures?"
        button = pictures.count == 1 ? "Delete the picture" : "Delete the \(pictures.count) pictures"
    }
}
