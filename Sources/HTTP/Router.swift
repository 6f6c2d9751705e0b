/// Answers one request.
public typealias Handler = @Sendable (Request) throws -> Response

/// Picks the handler for a request by method and path pattern (`/api/v1/images/:id`).
///
/// Literal segments win over `:parameter` segments. A path that matches no pattern is a 404; a path that
/// matches but not for this method is a 405 with `Allow`. `HEAD` falls back to the `GET` handler.
public struct Router: Sendable {
    private final class Node: @unchecked Sendable {
        // Built once before the server starts, then only read.
        var literals: [String: Node] = [:]
        var parameter: (name: String, node: Node)?
        var handlers: [HTTPMethod: Handler] = [:]
        var pattern = ""
    }

    private let root = Node()
    /// Every registered (method, pattern), in registration order.
    public private(set) var routes: [(method: HTTPMethod, pattern: String)] = []

    public init() {}

    /// Registers a handler; a pattern segment starting with `:` captures a parameter.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        var node = root
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.hasPrefix(":") {
                let name = String(segment.dropFirst())
                if let existing = node.parameter {
                    precondition(existing.name == name, "conflicting parameter names at \(pattern)")
                    node = existing.node
                } else {
                    let child = Node()
                    node.parameter = (name, child)
                    node = child
                }
            } else {
                let key = String(segment)
                if let child = node.literals[key] {
                    node = child
                } else {
                    let child = Node()
                    node.literals[key] = child
                    node = child
                }
            }
        }
        precondition(node.handlers[method] == nil, "route \(method) \(pattern) registered twice")
        node.handlers[method] = handler
        node.pattern = pattern
        routes.append((method, pattern))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    public mutating func patch(_ pattern: String, _ handler: @escaping Handler) { add(.patch, pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }

    /// The result of matching a request.
    public struct Match: Sendable {
        public let handler: Handler
        /// The pattern that matched, for logs and metrics (`/api/v1/images/:id`).
        public let pattern: String
    }

    /// Finds the handler for the request and fills `request.parameters`; throws 404 or 405 problems.
    public func match(_ request: inout Request) throws -> Match {
        var parameters = PathParameters()
        guard let node = Self.find(root, request.pathSegments[...], &parameters) else {
            throw HTTPError.notFound()
        }
        let handler = node.handlers[request.method] ?? (request.method == .head ? node.handlers[.get] : nil)
        guard let handler else {
            var allowed = Array(node.handlers.keys)
            if node.handlers[.get] != nil, node.handlers[.head] == nil { allowed.append(.head) }
            throw HTTPError.methodNotAllowed(allowed: allowed.sorted())
        }
        request.parameters = parameters
        return Match(handler: handler, pattern: node.pattern)
    }

    private static func find(_ node: Node, _ segments: ArraySlice<String>, _ parameters: inout PathParameters) -> Node? {
        guard let first = segments.first else {
            return node.handlers.isEmpty ? nil : node
        }
        let rest = segments.dropFirst()
        if let child = node.literals[first], let found = find(child, rest, &parameters) {
            return found
        }
        if let (name, child) = node.parameter, let found = find(child, rest, &parameters) {
            parameters.set(name, first)
            return found
        }
        return nil
    }
}
