/// Name/value pairs of a query string or an `application/x-www-form-urlencoded` body, in order.
public struct URLEncodedForm: Sendable, Equatable {
    /// Pairs beyond this count are ignored, so a hostile body cannot make parsing expensive.
    public static let maxPairs = 1000

    public private(set) var pairs: [(name: String, value: String)] = []
    /// True when some pair had a broken percent escape or invalid UTF-8 and was dropped.
    public private(set) var hadInvalidPairs = false

    public init() {}

    /// Parses `a=1&b=two+words&c=%C3%A9`; pairs with broken escapes are dropped and flagged.
    public init(parsing text: String) {
        for piece in text.splitUTF8(on: UInt8(ascii: "&")) {
            guard pairs.count < Self.maxPairs else { break }
            let parts = piece.splitUTF8(on: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true),
                  let value = PercentDecoding.decode(parts.count > 1 ? parts[1] : "", plusAsSpace: true)
            else {
                hadInvalidPairs = true
                continue
            }
            pairs.append((name, value))
        }
    }

    /// Parses a form body; bytes that are not UTF-8 give an empty, flagged form.
    public init(parsing body: [UInt8]) {
        guard let text = String(validating: body, as: UTF8.self) else {
            self.init()
            hadInvalidPairs = true
            return
        }
        self.init(parsing: text)
    }

    /// The first value for a name.
    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value for a name, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The distinct names present.
    public var names: Set<String> { Set(pairs.map(\.name)) }

    public static func == (lhs: URLEncodedForm, rhs: URLEncodedForm) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}
