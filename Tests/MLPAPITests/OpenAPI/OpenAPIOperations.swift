import Foundation

/// The operations `docs/openapi.yaml` documents, read with a line reader that knows only the layout of that
/// file: `paths:` at the margin, each path two spaces in, each method four spaces in, and an operation's
/// `x-served-by:` six spaces in. Enough to compare with the router without a YAML package.
struct OpenAPIOperations {
    /// One documented (method, path template) pair.
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        /// Who answers it when not the app (`nginx`), from `x-served-by`.
        var servedBy: String?

        var description: String { "\(method) \(path)" }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private(set) var operations: [Operation] = []

    init(yaml text: String) throws {
        var inPaths = false
        var path: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let indent = line.count - content.count
            if indent == 0 {
                inPaths = content.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths else { continue }
            switch indent {
            case 2:
                path = try Self.key(content)
            case 4:
                guard let path else { throw ReadError("a key under paths before any path: \(line)") }
                let key = try Self.key(content)
                if Self.methods.contains(key) { operations.append(Operation(method: key.uppercased(), path: path)) }
            case 6 where content.hasPrefix("x-served-by:"):
                guard !operations.isEmpty else { throw ReadError("x-served-by outside an operation") }
                operations[operations.count - 1].servedBy = content.dropFirst("x-served-by:".count)
                    .trimmingCharacters(in: .whitespaces)
            default:
                continue
            }
        }
    }

    /// The key of a `key:` or `key: value` line, without quotes.
    private static func key(_ content: Substring) throws -> String {
        guard let colon = content.firstIndex(of: ":") else { throw ReadError("not a mapping key: \(content)") }
        var key = content[..<colon].trimmingCharacters(in: .whitespaces)
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            key = String(key.dropFirst().dropLast())
        }
        return key
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
