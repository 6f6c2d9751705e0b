import Foundation
import HTTP

/// The `file` and `title` fields of an upload or replace form (`multipart/form-data`, parsed by the CSRF check).
/// The upload form takes several files at once (`<input type=file multiple>` sends one `file` part each).
struct UploadForm {
    /// One chosen file: its bytes and the name the browser gave (for messages only, never as a path).
    struct File {
        let name: String
        let bytes: [UInt8]
    }

    /// Pictures one upload form may carry; more is refused before anything is stored.
    static let maxFiles = 10
    /// Longest file name shown back, in characters.
    static let maxShownName = 80

    /// The chosen files in form order, without the empty parts browsers send when nothing was chosen.
    let files: [File]
    let title: String?
    /// The chosen model (the upload form's select); nil for the default.
    let model: String?
    /// The chosen album's id as sent (the upload form's select); nil for none.
    let album: String?

    /// The first file's bytes (the replace form takes one).
    var file: [UInt8]? { files.first?.bytes }

    init(_ request: Request) throws {
        guard let form = request.web.multipart else {
            throw PageError(status: .unsupportedMediaType, title: "Unsupported form",
                            message: "Send the picture with the form on this site (multipart/form-data).")
        }
        files = form.parts(named: "file").enumerated().compactMap { index, part in
            guard !part.body.isEmpty else { return nil }
            let name = (part.filename ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return File(name: name.isEmpty ? "Picture \(index + 1)" : String(name.prefix(Self.maxShownName)), bytes: part.body)
        }
        title = form.text(named: "title")
        model = form.text(named: "model").flatMap { $0.isEmpty ? nil : $0 }
        album = form.text(named: "album").flatMap { $0.isEmpty ? nil : $0 }
    }
}
