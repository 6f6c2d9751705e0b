import Foundation
import HTTP
import MLPDomain

/// Raw picture or thumbnail bytes with caching headers; `If-None-Match` with the current tag gives 304.
enum ImageContentResponse {
    /// The longest file name offered for a download, in Unicode scalars, before the extension.
    static let maxFileNameLength = 100

    /// `download` names the file after the image's title and asks the browser to save it instead of showing it.
    static func make(
        _ content: ImageContent, request: Request, maxAge: Int, download: (imageID: Int64, variant: ImageVariant)? = nil
    ) -> Response {
        let tag = "\"\(content.sha256)\""
        var headers: HTTPHeaders = [
            "ETag": tag,
            "Cache-Control": "private, max-age=\(maxAge)",
            "X-Content-Type-Options": "nosniff",
        ]
        if matches(request.headers.values("If-None-Match"), tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", content.contentType)
        headers.set("Content-Disposition", download.map { attachment(content, imageID: $0.imageID, variant: $0.variant) } ?? "inline")
        return Response(status: .ok, headers: headers, body: content.bytes)
    }

    /// RFC 8187 attr-char: letters, digits and !#$&+-.^_`|~; everything else is percent-encoded in `filename*`.
    private static let attrChars = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")

    /// `attachment; filename="Morning coffee.jpg"; filename*=UTF-8''Morning%20coffee.jpg` (RFC 6266): the title
    /// without characters file systems refuse, as UTF-8 in `filename*` and as ASCII (others become `_`) in
    /// `filename` for clients that do not read `filename*`. Untitled pictures are `image-<id>`.
    static func attachment(_ content: ImageContent, imageID: Int64, variant: ImageVariant) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in (content.title ?? "").unicodeScalars.prefix(maxFileNameLength) {
            let refused = scalar.value < 0x20 || scalar.value == 0x7F || "/\\:*?\"<>|".unicodeScalars.contains(scalar)
                || scalar.properties.generalCategory == .format
            scalars.append(refused ? "_" : scalar)
        }
        var base = String(scalars).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".")))
        if base.isEmpty { base = "image-\(imageID)" }
        if variant == .thumbnail { base += " thumbnail" }
        let name = base + (content.contentType == "image/png" ? ".png" : ".jpg")
        let ascii = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.isASCII && $0 != "%" ? $0 : "_" }))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: attrChars) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// RFC 9110 weak comparison against a list of tags or `*`.
    static func matches(_ values: [String], tag: String) -> Bool {
        for value in values {
            for candidate in value.split(separator: ",") {
                var item = candidate.trimmingCharacters(in: .whitespaces)
                if item == "*" { return true }
                if item.hasPrefix("W/") { item.removeFirst(2) }
                if item == tag { return true }
            }
        }
        return false
    }
}
