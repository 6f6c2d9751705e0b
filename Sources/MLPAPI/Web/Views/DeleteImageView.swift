/// The confirmation step before a picture is deleted.
struct DeleteImageView {
    let id: Int64
    let displayTitle: String
    let thumbnailURL: String
}
