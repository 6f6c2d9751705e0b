import HTTP
import MLPDomain

/// The picture and title of an upload or replacement: JSON `{"image_base64", "title"}` (standard base64,
/// `data:` prefix and white space accepted) or `multipart/form-data` with a `file` part and a `title` part.
struct ImageUploadBody {
    /// JSON body of an upload.
    struct JSONBody: StrictDecodable {
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

    /// 415 for other media types, 400 for unreadable bodies, 422 for bad or unknown fields. Without `withTitle`
    /// (a search by picture) a `title` is an unknown field.
    init(_ request: Request, withTitle: Bool = true) throws {
        if request.hasJSONBody {
            let base64: String
            if withTitle {
                let body = try request.decodeJSON(JSONBody.self)
                (base64, title) = (body.imageBase64, body.title)
            } else {
                (base64, title) = (try request.decodeJSON(PictureOnlyJSONBody.self).imageBase64, nil)
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
            let unknown = Set(form.parts.map(\.name)).subtracting(withTitle ? ["file", "title"] : ["file"]).sorted()
            var errors = unknown.map { ProblemDetails.FieldError(field: $0, message: "Unknown field.") }
            let files = form.parts(named: "file")
            if files.isEmpty { errors.append(.init(field: "file", message: "This field is required.")) }
            if files.count > 1 { errors.append(.init(field: "file", message: "Send one file.")) }
            let titles = form.parts(named: "title")
            if titles.count > 1 { errors.append(.init(field: "title", message: "Send one title.")) }
            if let part = titles.first, part.text == nil { errors.append(.init(field: "title", message: "Must be UTF-8 text.")) }
            guard errors.isEmpty, let file = files.first else { throw HTTPError.validation(errors) }
            bytes = file.body
            title = titles.first?.text
        } else {
            throw HTTPError.unsupportedMediaType(expected: "application/json or multipart/form-data")
        }
    }
}
