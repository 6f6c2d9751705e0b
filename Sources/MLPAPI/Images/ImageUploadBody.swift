import HTTP
import MLPDomain

/// The picture and title of an upload or replacement, and the album of an upload: JSON
/// `{"image_base64", "title", "album_id"}` (standard base64, `data:` prefix and white space accepted) or
/// `multipart/form-data` with a `file` part and `title` and `album_id` parts.
struct ImageUploadBody {
    /// What a body may hold besides the picture.
    enum Kind {
        /// A new picture: a title and an album.
        case upload
        /// A new picture for a stored one: a title.
        case replacement
        /// A search by picture: the picture alone.
        case search

        var multipartFields: Set<String> {
            switch self {
            case .upload: ["file", "title", "album_id"]
            case .replacement: ["file", "title"]
            case .search: ["file"]
            }
        }
    }

    /// JSON body of an upload.
    struct JSONBody: StrictDecodable {
        static let fieldNames: Set<String> = ["image_base64", "title", "album_id"]
        let imageBase64: String
        let title: String?
        let albumID: Int64?

        enum CodingKeys: String, CodingKey {
            case imageBase64 = "image_base64"
            case title
            case albumID = "album_id"
        }
    }

    /// JSON body of a replacement.
    struct ReplacementJSONBody: StrictDecodable {
        static let fieldNames: Set<String> = ["image_base64", "title"]
        let imageBase64: String
        let title: String?

        enum CodingKeys: String, CodingKey {
            case imageBase64 = "image_base64"
            case title
        }
    }

    /// JSON body of a search by picture: the picture alone.
    struct PictureOnlyJSONBody: StrictDecodable {
        static let fieldNames: Set<String> = ["image_base64"]
        let imageBase64: String

        enum CodingKeys: String, CodingKey {
            case imageBase64 = "image_base64"
        }
    }

    let bytes: [UInt8]
    let title: String?
    let albumID: Int64?

    /// 415 for other media types, 400 for unreadable bodies, 422 for bad or unknown fields: what `kind` does not
    /// hold is an unknown field.
    init(_ request: Request, kind: Kind) throws {
        if request.hasJSONBody {
            let base64: String
            switch kind {
            case .upload:
                let body = try request.decodeJSON(JSONBody.self)
                (base64, title, albumID) = (body.imageBase64, body.title, body.albumID)
            case .replacement:
                let body = try request.decodeJSON(ReplacementJSONBody.self)
                (base64, title, albumID) = (body.imageBase64, body.title, nil)
            case .search:
                (base64, title, albumID) = (try request.decodeJSON(PictureOnlyJSONBody.self).imageBase64, nil, nil)
            }
            do {
                bytes = try Base64Decoding.decode(base64)
            } catch {
                throw error.problem(field: "image_base64")
            }
        } else if request.mediaType == "multipart/form-data" {
            let form: MultipartFormData
            do {
                form = try MultipartFormData(parsing: request.body, contentType: request.headers["Content-Type"] ?? "")
            } catch {
                throw error.problem
            }
            let unknown = Set(form.parts.map(\.name)).subtracting(kind.multipartFields).sorted()
            var errors = unknown.map { ProblemDetails.FieldError(field: $0, message: "Unknown field.") }
            let files = form.parts(named: "file")
            if files.isEmpty { errors.append(.init(field: "file", message: "This field is required.")) }
            if files.count > 1 { errors.append(.init(field: "file", message: "Send one file.")) }
            let titles = form.parts(named: "title")
            if titles.count > 1 { errors.append(.init(field: "title", message: "Send one title.")) }
            if let part = titles.first, part.text == nil { errors.append(.init(field: "title", message: "Must be UTF-8 text.")) }
            let albums = form.parts(named: "album_id")
            let album = albums.first.flatMap { $0.text.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }
            if albums.count > 1 { errors.append(.init(field: "album_id", message: "Send one album.")) }
            if albums.count == 1, album == nil { errors.append(.init(field: "album_id", message: "Must be an album's id (an integer).")) }
            guard errors.isEmpty, let file = files.first else { throw HTTPError.validation(errors) }
            bytes = file.body
            title = titles.first?.text
            albumID = album
        } else {
            throw HTTPError.unsupportedMediaType(expected: "application/json or multipart/form-data")
        }
    }
}
