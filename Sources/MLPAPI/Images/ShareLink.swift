import Foundation
import HTTP
import MLPDomain

/// Where a share link points, and its JSON form.
public enum ShareLink {
    /// The public page of a link.
    static func path(_ token: String) -> String { "/s/\(token)" }
    /// The public page of an album's link; its pictures are under it (`/a/{token}/{image_id}`).
    static func albumPath(_ token: String) -> String { "/a/\(token)" }

    /// The link as the visitor would paste it: `publicURL` (`MLP_PUBLIC_URL`) before the path when it is set;
    /// else the scheme and host of this request (`X-Forwarded-Host` first, as for the CSRF origin check), with
    /// the port nginx took the request on when the host names none and it is not the scheme's default (Debian's
    /// `fastcgi_params` pass nginx's `$host`, which drops the port). Only the path when the host is missing or
    /// not a plain host name, address and port.
    static func url(_ token: String, request: Request, publicURL: String? = nil) -> String {
        absolute(path(token), request: request, publicURL: publicURL)
    }

    /// Any `path` of this site made absolute as ``url(_:request:publicURL:)`` makes a link's (the API key page's
    /// example command).
    static func absolute(_ path: String, request: Request, publicURL: String?) -> String {
        if let publicURL { return publicURL + path }
        let site = request.siteHost
        guard var host = site.host, isPlainHost(host) else { return path }
        let defaultPort = request.isSecure ? 443 : 80
        let namesPort = host.hasPrefix("[") ? host.contains("]:") : host.contains(":")
        if !site.forwarded, !namesPort, let port = request.serverPort, port != defaultPort {
            host += ":\(port)"
        }
        return (request.isSecure ? "https://" : "http://") + host + path
    }

    /// `MLP_PUBLIC_URL` checked: `http` or `https`, a plain host (and port), no path, query or user; a trailing
    /// `/` is dropped. Throws ``PublicURLError`` for anything else.
    public static func checkedPublicURL(_ text: String) throws -> String {
        var value = text
        if value.hasSuffix("/") { value.removeLast() }
        for scheme in ["https://", "http://"] where value.lowercased().hasPrefix(scheme) {
            let host = String(value.dropFirst(scheme.count))
            guard isPlainHost(host) else { break }
            return scheme + host
        }
        throw PublicURLError(value: text)
    }

    public struct PublicURLError: Error, CustomStringConvertible {
        let value: String
        public var description: String {
            "MLP_PUBLIC_URL must be http:// or https:// and a host with an optional port, nothing after it (got \"\(value)\")"
        }
    }

    /// Letters, digits, `.`, `-`, `:` and the brackets of an IPv6 address; 1 to 255 characters.
    static func isPlainHost(_ host: String) -> Bool {
        (1...255).contains(host.utf8.count) && host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"): true
            default: false
            }
        }
    }
}

/// `GET`/`PUT /api/v1/images/{id}/share` and `/api/v1/albums/{id}/share`: whether the picture or album has a
/// link, and the link. One without is `{"shared":false,…null}` with 200, so that a 404 always means the picture
/// or album itself is not there.
struct ShareResponse: Encodable {
    let shared: Bool
    let path: String?
    let url: String?
    let createdAt: Date?

    init(_ share: ImageShare?, request: Request, publicURL: String?) {
        self.init(path: share.map { ShareLink.path($0.token) }, createdAt: share?.createdAt, request: request, publicURL: publicURL)
    }

    init(_ share: AlbumShare?, request: Request, publicURL: String?) {
        self.init(path: share.map { ShareLink.albumPath($0.token) }, createdAt: share?.createdAt, request: request, publicURL: publicURL)
    }

    private init(path: String?, createdAt: Date?, request: Request, publicURL: String?) {
        shared = path != nil
        self.path = path
        url = path.map { ShareLink.absolute($0, request: request, publicURL: publicURL) }
        self.createdAt = createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shared, forKey: .shared)
        try container.encode(path, forKey: .path)
        try container.encode(url, forKey: .url)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case shared, path, url
        case createdAt = "created_at"
    }
}

/// `GET /api/v1/users/me/shares`: the caller's shared pictures and albums, newest link first.
struct SharedImagesResponse: Encodable {
    struct Item: Encodable {
        struct Links: Encodable {
            let image: String
        }

        let imageID: Int64
        let title: String?
        let path: String
        let url: String
        let createdAt: Date
        let links: Links

        /// Written by hand so that an untitled picture has `"title":null` (the synthesized form leaves it out).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(imageID, forKey: .imageID)
            try container.encode(title, forKey: .title)
            try container.encode(path, forKey: .path)
            try container.encode(url, forKey: .url)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(links, forKey: .links)
        }

        enum CodingKeys: String, CodingKey {
            case title, path, url, links
            case imageID = "image_id"
            case createdAt = "created_at"
        }
    }

    /// A shared album.
    struct AlbumItem: Encodable {
        struct Links: Encodable {
            let album: String
        }

        let albumID: Int64
        let name: String
        let path: String
        let url: String
        let createdAt: Date
        let links: Links

        enum CodingKeys: String, CodingKey {
            case name, path, url, links
            case albumID = "album_id"
            case createdAt = "created_at"
        }
    }

    let items: [Item]
    let total: Int
    let albums: [AlbumItem]
    let albumsTotal: Int

    enum CodingKeys: String, CodingKey {
        case items, total, albums
        case albumsTotal = "albums_total"
    }

    init(_ listed: (items: [SharedImage], total: Int), albums: (items: [SharedAlbum], total: Int), request: Request, publicURL: String?) {
        items = listed.items.map { shared in
            Item(
                imageID: shared.image.id, title: shared.image.title, path: ShareLink.path(shared.share.token),
                url: ShareLink.url(shared.share.token, request: request, publicURL: publicURL), createdAt: shared.share.createdAt,
                links: .init(image: ImagesRoutes.path(shared.image.id))
            )
        }
        total = listed.total
        self.albums = albums.items.map { shared in
            let path = ShareLink.albumPath(shared.share.token)
            return AlbumItem(
                albumID: shared.album.id, name: shared.album.name, path: path,
                url: ShareLink.absolute(path, request: request, publicURL: publicURL), createdAt: shared.share.createdAt,
                links: .init(album: AlbumsRoutes.path(shared.album.id))
            )
        }
        albumsTotal = albums.total
    }
}
