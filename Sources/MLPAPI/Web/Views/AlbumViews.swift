import Foundation
import MLPDomain

/// `/albums`: the owner's albums, each with its cover and count, and the form that makes one.
struct AlbumsView {
    struct Item {
        let url: String
        let name: String
        let count: String
        /// The cover's thumbnail, nil for an empty album.
        let coverURL: String?
    }

    let items: [Item]
    let isEmpty: Bool
    let isFull: Bool
    let maxAlbums = AlbumsUseCase.maxAlbums
    let maxNameLength = AlbumsUseCase.maxNameLength
    /// What the form held when it was refused, and why.
    var name: String?
    var nameError: String?

    init(_ albums: [AlbumSummary]) {
        items = albums.map {
            Item(
                url: AlbumPages.url($0.album.id), name: $0.album.name, count: AlbumPages.pictures($0.pictureCount),
                coverURL: $0.coverImageID.map { ImagePages.thumbnailURL($0) }
            )
        }
        isEmpty = albums.isEmpty
        isFull = albums.count >= AlbumsUseCase.maxAlbums
    }
}

/// `/albums/:id`: an album's pictures as gallery tiles, each with a button that takes it out, and the forms that
/// rename and delete the album.
struct AlbumView {
    /// Not `id`: each tile has one, and the tiles' forms need the album's.
    let albumID: Int64
    let name: String
    let count: String
    let items: [GalleryView.Item]
    /// The tiles by month in the order by the time taken.
    let sections: [GalleryView.Section]
    let isEmpty: Bool
    /// The next (older) page, nil on the last; the first page, when not on it.
    let olderURL: String?
    let newestURL: String?
    /// The two orders of the album's pictures.
    let orders: [OrderSwitch.Link]
    let maxNameLength = AlbumsUseCase.maxNameLength
    var nameValue: String
    var nameError: String?
    var deleteError: String?
    /// The album's link, when it has one (set by the page).
    var share: ImageDetailView.Share?
    /// The cover's thumbnail, nil for an empty album; whether the owner chose it.
    let coverURL: String?
    let coverChosen: Bool

    init(_ album: AlbumSummary, page: ListImagesUseCase.Page, order: ImageOrder = .uploaded, isFirstPage: Bool = true) {
        albumID = album.album.id
        name = album.album.name
        count = AlbumPages.pictures(album.pictureCount)
        let path = AlbumPages.url(album.album.id)
        let sort = OrderSwitch.parameters(order)
        items = page.items.map { summary in
            var item = GalleryView.Item(summary, order: order)
            // Its page leads through the album, in the album's order.
            item.detailURL = OrderSwitch.url("/images/\(summary.image.id)", ["album=\(album.album.id)"] + sort)
            item.isCover = summary.image.id == album.coverImageID
            return item
        }
        sections = GalleryView.Section.of(items)
        isEmpty = page.items.isEmpty
        olderURL = page.next.map { OrderSwitch.url(path, [OrderSwitch.nextPage($0, order: order)] + sort) }
        newestURL = isFirstPage ? nil : OrderSwitch.url(path, sort)
        orders = OrderSwitch(path: path, current: order).links
        nameValue = album.album.name
        coverURL = album.coverImageID.map { ImagePages.thumbnailURL($0) }
        coverChosen = album.coverChosen
    }
}

/// `GET /images/album`: the gallery's selection, to put into an album (one of the owner's, or a new one).
struct AddToAlbumView {
    let pictures: [PictureRow]
    let heading: String
    let albums: [AlbumChoice]
    let hasAlbums: Bool
    let maxNameLength = AlbumsUseCase.maxNameLength
    var newName: String?
    var error: String?

    init(_ details: [ImageDetails], albums: [Album]) {
        pictures = details.map { PictureRow($0.image) }
        heading = details.count == 1 ? "Put this picture into an album" : "Put these \(details.count) pictures into an album"
        self.albums = albums.map(AlbumChoice.init)
        hasAlbums = !albums.isEmpty
    }
}

/// The "Albums" card of a picture's page.
struct PictureAlbums {
    struct Link {
        let url: String
        let name: String
        /// The last of the list (no comma after it).
        let last: Bool
    }

    let holding: [Link]
    let hasHolding: Bool
    /// The owner's albums that do not hold it yet.
    let others: [AlbumChoice]
    let hasOthers: Bool

    init(holding: [Album], all: [Album]) {
        self.holding = holding.enumerated().map {
            Link(url: AlbumPages.url($0.element.id), name: $0.element.name, last: $0.offset == holding.count - 1)
        }
        hasHolding = !holding.isEmpty
        let inside = Set(holding.map(\.id))
        others = all.filter { !inside.contains($0.id) }.map(AlbumChoice.init)
        hasOthers = !others.isEmpty
    }
}

/// An album offered in a select.
struct AlbumChoice {
    let id: Int64
    let name: String

    init(_ album: Album) {
        id = album.id
        name = album.name
    }
}

/// `/a/{token}`: a shared album as anyone with the link sees it: its name, and its pictures as tiles that open
/// each picture's public page under the link. Nothing of the owner's (no username, no links into the gallery).
struct SharedAlbumView {
    struct Item {
        let detailURL: String
        let thumbnailURL: String
        let title: String
        let hasTitle: Bool
        let topLabel: String?
    }

    let name: String
    let count: String
    let sharedSince: String
    let items: [Item]
    let isEmpty: Bool
    /// The next (older) page, nil on the last; the first page, when not on it.
    let olderURL: String?
    let newestURL: String?
    /// The two orders of the album's pictures.
    let orders: [OrderSwitch.Link]

    init(token: String, album: AlbumSummary, since: Date, page: ListImagesUseCase.Page, order: ImageOrder = .uploaded, isFirstPage: Bool) {
        let path = ShareLink.albumPath(token)
        let sort = OrderSwitch.parameters(order)
        name = album.album.name
        count = AlbumPages.pictures(album.pictureCount)
        sharedSince = AccountPages.day(since)
        items = page.items.map { summary in
            Item(
                detailURL: "\(path)/\(summary.image.id)" + OrderSwitch.suffix(order), thumbnailURL: "\(path)/\(summary.image.id)/thumbnail",
                title: summary.image.title ?? "Untitled picture", hasTitle: summary.image.title != nil,
                topLabel: summary.topPrediction?.label
            )
        }
        isEmpty = page.items.isEmpty
        olderURL = page.next.map { OrderSwitch.url(path, [OrderSwitch.nextPage($0, order: order)] + sort) }
        newestURL = isFirstPage ? nil : OrderSwitch.url(path, sort)
        orders = OrderSwitch(path: path, current: order).links
    }
}

/// Above a picture's page: the way back to where it was opened from (the gallery, an album, a shared album), its
/// place there when known ("3 of 12"), and the pictures beside it.
struct PictureNavigation {
    let backURL: String
    let backLabel: String
    let position: String?
    let newerURL: String?
    let olderURL: String?

    /// `pictureURL` makes the address of a neighbour's page in the same place.
    init(backURL: String, backLabel: String, neighbours: PictureNeighbours, pictureURL: (Int64) -> String) {
        self.backURL = backURL
        self.backLabel = backLabel
        position = neighbours.position.flatMap { position in neighbours.count.map { "\(position) of \($0)" } }
        newerURL = neighbours.newer.map(pictureURL)
        olderURL = neighbours.older.map(pictureURL)
    }
}
