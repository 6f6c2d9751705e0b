import Foundation

/// A request body type that lists the fields it accepts; any other field is refused with 422,
/// so fields such as `id` or `is_deleted` can never be mass-assigned.
public protocol StrictDecodable: Decodable {
    static var fieldNames: Set<String> { get }
}

extension Request {
    /// True when the body is declared as JSON (`application/json` or a `+json` type).
    public var hasJSONBody: Bool {
        guard let type = mediaType else { return false }
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// Decodes a JSON body: 415 when it is not declared JSON, 400 when it does not parse,
    /// 422 with per-field errors when fields are missing, of the wrong type or unknown.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard hasJSONBody else { throw HTTPError.unsupportedMediaType(expected: "application/json") }
        guard !body.isEmpty else { throw HTTPError.malformedJSON("The request body is empty; a JSON object was expected.") }
        if let strict = type as? any StrictDecodable.Type {
            try Self.checkFields(body, allowed: strict.fieldNames)
        }
        do {
            return try JSONCoding.decode(type, from: body)
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
    }

    private static func checkFields(_ body: [UInt8], allowed: Set<String>) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw HTTPError.malformedJSON("The request body is not valid JSON.")
        }
        guard let dictionary = object as? [String: Any] else {
            throw HTTPError.validation([.init(field: "", message: "A JSON object was expected.")])
        }
        let unknown = dictionary.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw HTTPError.validation(unknown.map { .init(field: $0, message: "Unknown field.") })
        }
    }

    static func problem(for error: DecodingError) -> ProblemDetails {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return HTTPError.malformedJSON("The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return HTTPError.validation([.init(field: path(context.codingPath), message: "Invalid value.")])
        case .keyNotFound(let key, let context):
            return HTTPError.validation([.init(field: path(context.codingPath + [key]), message: "This field is required.")])
        case .valueNotFound(_, let context):
            return HTTPError.validation([.init(field: path(context.codingPath), message: "This field must not be null.")])
        case .typeMismatch(let expected, let context):
            let field = path(context.codingPath)
            return HTTPError.validation([.init(field: field, message: "Expected \(Self.jsonTypeName(expected)).")])
        @unknown default:
            return HTTPError.malformedJSON("The request body could not be read.")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default: type == [String: Any].self ? "an object" : "a value of another type"
        }
    }
}
