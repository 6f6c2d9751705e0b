/// Values captured by `:name` segments of a route pattern.
public struct PathParameters: Sendable {
    private var values: [String: String] = [:]

    public init() {}

    mutating func set(_ name: String, _ value: String) { values[name] = value }

    /// The raw captured text, or nil.
    public subscript(name: String) -> String? { values[name] }

    /// The captured value converted to `T`; a value that does not convert means no such resource: 404.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let text = values[name], let value = T(text) else {
            throw HTTPError.notFound()
        }
        return value
    }
}
