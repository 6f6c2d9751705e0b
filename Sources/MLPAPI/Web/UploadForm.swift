import HTTP

/// The `file` and `title` fields of an upload or replace form (`multipart/form-data`, parsed by the CSRF check).
struct UploadForm {
    /// The picture's bytes; nil when no file was chosen (browsers then send an empty part).
    let file: [UInt8]?
    let title: String?

    init(_ request: Request) throws {
        guard let form = request.web.multipart else {
            throw PageError(status: .unsupportedMediaType, title: "Unsupported form",
                            message: "Send the picture with the form on this site (multipart/form-data).")
        }
        let part = form.part(named: "file")
        file = part.flatMap { $0.body.isEmpty ? nil : $0.body }
        title = form.text(named: "title")
    }
}
