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
            throw Self.problem(for: error, body: body)
        }
    }

    /// The problem of a body that failed to decode. Foundation's decoder reports a number that does not fit an
    /// integer field (`1.5`, `1e30`, 20 digits) as a body that is "not valid JSON", with no field; when the body
    /// does parse, those numbers are named instead, as 422 field errors.
    static func problem(for error: DecodingError, body: [UInt8]) -> ProblemDetails {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
           let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) {
            let fields = nonIntegers(in: object, at: "")
            if !fields.isEmpty {
                return HTTPError.validation(fields.map { .init(field: $0, message: "Expected an integer that fits in 64 bits.") })
            }
        }
        return problem(for: error)
    }

    /// The paths (`a`, `a.0`) of the numbers in `value` that are not integers of 64 bits.
    private static func nonIntegers(in value: Any, at path: String) -> [String] {
        func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch value {
        case let dictionary as [String: Any]:
            return dictionary.keys.sorted().flatMap { nonIntegers(in: dictionary[$0] as Any, at: child($0)) }
        case let array as [Any]:
            return array.enumerated().flatMap { nonIntegers(in: $0.element, at: child(String($0.offset))) }
        case let number as NSNumber:
            // true and false read as 1 and 0: never named (a boolean where an integer belongs is a type mismatch).
            return Int64(number.stringValue) == nil ? [path] : []
        default:
            return []
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
