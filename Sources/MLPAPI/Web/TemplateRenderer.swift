import Foundation
import Mustache

/// The page templates, read once at start from a folder of `.mustache` files (one layout, one per page).
///
/// `{{name}}` escapes HTML; templates never use `{{{ }}}` for values a user supplied.
struct TemplateRenderer: Sendable {
    /// Templates every start needs; a missing one stops the server at start, not at the first request.
    static let required = ["layout", "error"]

    private let library: MustacheLibrary
    let names: Set<String>

    /// Loads every `*.mustache` file of `directory`, named by the file name without the extension.
    init(directory: String) throws {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw WebConfigurationError("cannot read the templates folder \(directory) (set MLP_TEMPLATES_DIR)")
        }
        var templates: [String: MustacheTemplate] = [:]
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8)
            else {
                throw WebConfigurationError("cannot read template \(path)")
            }
            do {
                templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch {
                throw WebConfigurationError("template \(path) does not parse: \(error)")
            }
        }
        let missing = Self.required.filter { templates[$0] == nil }
        guard missing.isEmpty else {
            throw WebConfigurationError("templates missing from \(directory): \(missing.joined(separator: ", "))")
        }
        library = MustacheLibrary(templates: templates)
        names = Set(templates.keys)
    }

    /// The template rendered with `context`; a programming error (unknown template) is a thrown error.
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: name) else {
            throw WebConfigurationError("no template named \(name)")
        }
        return html
    }
}
