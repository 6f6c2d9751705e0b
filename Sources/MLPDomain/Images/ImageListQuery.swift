import Foundation

/// The order of a user's pictures: in the gallery, the API's list and between a picture and the ones beside it.
public enum ImageOrder: String, CaseIterable, Sendable {
    /// The latest upload first.
    case uploaded
    /// The latest taken first, by the time the file says (``Image/takenAt``, the camera's own clock); a picture
    /// whose file does not say counts at its upload time, so every picture has a place. Equal times: the latest
    /// upload first.
    case taken
}

/// Where the next page of a list of pictures starts: after this picture, in the list's order.
public struct ImageListPosition: Equatable, Sendable {
    /// The last picture of the page before.
    public var id: Int64
    /// Its ``Image/timeline`` (needed by ``ImageOrder/taken`` only).
    public var timeline: Date?

    public init(id: Int64, timeline: Date? = nil) {
        self.id = id
        self.timeline = timeline
    }
}

extension Image {
    /// The picture's place in the ``ImageOrder/taken`` order: when it was taken (the camera's wall-clock time, its
    /// fields read as UTC, as stored), or else when it was uploaded (UTC). The two differ by the camera's zone at
    /// most, which is what a timeline of one person's pictures can live with.
    public var timeline: Date { takenAt?.local ?? createdAt }

    /// Where a page that ends with this picture continues.
    public var listPosition: ImageListPosition { ImageListPosition(id: id, timeline: timeline) }
}

/// Which of a user's active pictures a list holds, in which order, from where.
public struct ImageListQuery: Equatable, Sendable {
    public var order: ImageOrder
    /// Start after this picture (nil: from the first).
    public var after: ImageListPosition?
    /// At most this many.
    public var limit: Int
    /// Some current prediction's label contains (or is) its text, ignoring case.
    public var label: LabelFilter?
    /// The title, the owner's label or some current prediction's label contains it, ignoring case.
    public var text: String?
    /// How the owner's label compares with the current top label.
    public var agreement: AgreementFilter?
    /// The picture's bytes have this digest (lower-case hex).
    public var sha256: String?

    public init(
        order: ImageOrder = .uploaded, after: ImageListPosition? = nil, limit: Int, label: LabelFilter? = nil, text: String? = nil,
        agreement: AgreementFilter? = nil, sha256: String? = nil
    ) {
        self.order = order
        self.after = after
        self.limit = limit
        self.label = label
        self.text = text
        self.agreement = agreement
        self.sha256 = sha256
    }
}
