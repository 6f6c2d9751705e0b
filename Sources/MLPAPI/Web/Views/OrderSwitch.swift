import HTTP
import MLPDomain

/// "Order: Latest uploaded · Latest taken" above a list of pictures (the gallery, an album, a shared album), and
/// what a list's address says about its order and page: `sort=taken` for the order by the time taken (nothing for
/// the order by upload), `before=<id>` for a later page by upload and `cursor=` (the API's) by the time taken.
struct OrderSwitch {
    struct Link {
        let label: String
        let url: String
        let isCurrent: Bool
    }

    let links: [Link]

    /// Links to the first page of `path` in each order, with `parameters` (encoded `name=value`, such as filters).
    init(path: String, parameters: [String] = [], current: ImageOrder) {
        links = [(ImageOrder.uploaded, "Latest uploaded"), (.taken, "Latest taken")].map { order, label in
            Link(label: label, url: Self.url(path, Self.parameters(order) + parameters), isCurrent: order == current)
        }
    }

    /// `path` with `parameters` as its query, if any.
    static func url(_ path: String, _ parameters: [String]) -> String {
        parameters.isEmpty ? path : path + "?" + parameters.joined(separator: "&")
    }

    /// What says `order` in an address: `sort=taken`, or nothing for the default.
    static func parameters(_ order: ImageOrder) -> [String] {
        order == .uploaded ? [] : ["sort=\(order.rawValue)"]
    }

    /// The `?sort=taken` to append to a picture's address in `order`, or "".
    static func suffix(_ order: ImageOrder) -> String {
        order == .uploaded ? "" : "?sort=\(order.rawValue)"
    }

    /// The parameter of the link to the page that continues after `next`.
    static func nextPage(_ next: ImageListPosition, order: ImageOrder) -> String {
        order == .uploaded ? "before=\(next.id)" : "cursor=" + ImageCursor.encode(next, order: order)
    }

    /// The order a page's address asks for (`sort`; anything but `taken` is the order by upload).
    static func order(of request: Request) -> ImageOrder {
        request.query["sort"] == ImageOrder.taken.rawValue ? .taken : .uploaded
    }

    /// The order and where the page starts. Values that are not these are ignored, as if absent (the first page):
    /// they come from links, and a page is more use than an error.
    static func position(of request: Request) -> (order: ImageOrder, after: ImageListPosition?) {
        let order = order(of: request)
        switch order {
        case .uploaded: return (order, request.query["before"].flatMap { Int64($0) }.map { ImageListPosition(id: $0) })
        case .taken: return (order, request.query["cursor"].flatMap { try? ImageCursor.decode($0, order: .taken) })
        }
    }
}
