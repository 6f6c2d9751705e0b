import Foundation
import HTTP
import MLPDomain

/// Raw picture or thumbnail bytes with caching headers; `If-None-Match` with the current tag gives 304.
enum ImageContentResponse {
    static func make(_ content: ImageContent, request: Request, maxAge: Int) -> Response {
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
        headers.set("Content-Disposition", "inline")
        return Response(status: .ok, headers: headers, body: content.bytes)
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
