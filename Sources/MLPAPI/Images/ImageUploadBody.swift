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

    static let multipartFields: Set<String> = ["file", "title"]

    let bytes: [UInt8]
    let title: String?

    /// 415 for other media types, 400 for unreadable bodies, 422 for bad or unknown fields.
    init(_ request: Request) throws {
        if request.hasJSONBody {
            let body = try request.decodeJSON(JSONBody.self)
            do {
                bytes = try Base64Decoding.decode(body.imageBase64)
            } catch {
                throw error.problem(field: "image_base64")
            }
            title = body.title
        } else if request.mediaType == "multipart/form-data" {
            let form: MultipartFormData
            do {
                form = try MultipartFormData(parsing: request.body, contentType: request.headers["Content-Type"] ?? "")
            } catch {
                throw error.problem
            }
            let unknown = Set(form.parts.map(\.name)).subtracting(Self.multipartFields).sorted()
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
