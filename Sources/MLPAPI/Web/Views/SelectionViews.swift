import MLPDomain

/// A picture as a confirmation or a selection lists it: its thumbnail and title (the confirmation step before a
/// picture is deleted, the selection of the delete, album and favourites pages).
struct PictureRow {
    let id: Int64
    let displayTitle: String
    let thumbnailURL: String
    /// One of the owner's favourites (the favourites page marks it).
    let favourite: Bool

    init(_ image: Image) {
        id = image.id
        displayTitle = image.title ?? "Untitled picture"
        thumbnailURL = ImagePages.thumbnailURL(image.id, version: image.sha256)
        favourite = image.favourite
    }
}

/// The confirmation step before the pictures selected in the gallery are deleted (stored properties: the
/// templates see no computed ones).
struct DeleteImagesView {
    let pictures: [PictureRow]
    let heading: String
    let button: String

    init(pictures: [PictureRow]) {
        self.pictures = pictures
        heading = pictures.count == 1 ? "Delete this picture?" : "Delete these \(pictures.count) pictures?"
        button = pictures.count == 1 ? "Delete the picture" : "Delete the \(pictures.count) pictures"
    }
}

/// The pictures selected in the gallery, to give them one label of the owner's own.
struct LabelImagesView {
    struct Picture {
        let id: Int64
        let displayTitle: String
        let thumbnailURL: String
        /// The label the owner gave it before, if any.
        let userLabel: String?
    }

    let pictures: [Picture]
    let heading: String
    let button: String
    /// The model's top labels of these pictures, most frequent first, then the owner's own labels, as suggestions.
    let suggestions: [String]
    /// What the field shows: the label all of them already share, or what was typed when it was refused.
    var labelValue: String
    var labelError: String?
    let maxLabelLength = ImageRules.maxUserLabelLength

    init(_ details: [ImageDetails], userLabels: [String] = []) {
        pictures = details.map {
            Picture(
                id: $0.image.id, displayTitle: $0.image.title ?? "Untitled picture",
                thumbnailURL: ImagePages.thumbnailURL($0.image.id, version: $0.image.sha256), userLabel: $0.image.userLabel
            )
        }
        heading = details.count == 1 ? "Label this picture" : "Label these \(details.count) pictures"
        button = details.count == 1 ? "Save the label" : "Give the \(details.count) pictures this label"
        var counts: [String: Int] = [:]
        var order: [String] = []
        for top in details.compactMap({ $0.predictions.first?.label }) {
            if counts[top] == nil { order.append(top) }
            counts[top, default: 0] += 1
        }
        let tops = order.enumerated().sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
        suggestions = LabelChoices.merged(tops, userLabels)
        let given = Set(details.map { $0.image.userLabel ?? "" })
        labelValue = given.count == 1 ? given.first ?? "" : ""
    }
}
