import MLPDomain

/// `/images/duplicates`: the user's pictures stored more than once, each group with a way to delete the copies
/// (through the gallery's selection and its confirmation page).
struct DuplicatesView {
    /// A gallery tile; the oldest of its group is marked.
    struct Tile {
        let tile: GalleryView.Item
        let isOriginal: Bool
    }

    struct Group {
        let tiles: [Tile]
        /// `/images/delete?id=…&id=…`: every copy but the oldest, to confirm.
        let deleteURL: String
        /// "Keep the oldest, delete the other 2…".
        let deleteText: String
    }

    /// The groups (a struct, so that the template's section shows once around them).
    struct Groups {
        let items: [Group]
    }

    let groups: Groups?
    /// "The 100 groups with the most copies are shown, of 140.", when not all are.
    let partial: String?

    init(_ found: (groups: [[ImageSummary]], total: Int)) {
        let items = found.groups.map { group in
            let copies = group.dropFirst().map(\.image.id)
            return Group(
                tiles: group.enumerated().map { Tile(tile: GalleryView.Item($1), isOriginal: $0 == 0) },
                deleteURL: "/images/delete?" + copies.map { "id=\($0)" }.joined(separator: "&"),
                deleteText: copies.count == 1 ? "Keep the oldest, delete the copy…" : "Keep the oldest, delete the other \(copies.count)…"
            )
        }
        groups = items.isEmpty ? nil : Groups(items: items)
        partial = found.groups.count < found.total
            ? "The \(found.groups.count) groups with the most copies are shown, of \(found.total)." : nil
    }
}
