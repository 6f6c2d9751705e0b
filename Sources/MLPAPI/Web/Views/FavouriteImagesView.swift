import MLPDomain

/// The pictures selected in the gallery, to add to the owner's favourites or take out of them (stored properties:
/// the templates see no computed ones).
struct FavouriteImagesView {
    let pictures: [PictureRow]
    let heading: String
    /// Shown while some of them are not favourites yet.
    let addButton: String?
    /// Shown while some of them are favourites.
    let removeButton: String?

    init(_ images: [Image]) {
        pictures = images.map(PictureRow.init)
        let (count, marked) = (images.count, images.filter(\.favourite).count)
        heading = count == 1 ? "This picture and your favourites" : "These \(count) pictures and your favourites"
        addButton = switch count - marked {
        case 0: nil
        case count: count == 1 ? "☆ Add it to your favourites" : "☆ Add the \(count) pictures to your favourites"
        case 1: "☆ Add the other one to your favourites"
        case let others: "☆ Add the \(others) others to your favourites"
        }
        removeButton = switch marked {
        case 0: nil
        case count: count == 1 ? "Take it out of your favourites" : "Take the \(count) pictures out of your favourites"
        case 1: "Take out the one already among your favourites"
        default: "Take out the \(marked) already among your favourites"
        }
    }
}
