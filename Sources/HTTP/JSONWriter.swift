import Foundation

/// A body that writes its own JSON with ``JSONWriter``, for the few responses on the busiest routes.
///
/// `JSONEncoder` builds a tree of boxed values and sorts every object's keys on each call: about 20 µs for
/// one image resource, which was a tenth of the app's CPU time per `GET /api/v1/images/:id`. A conforming
/// type writes its keys in sorted order itself and must give exactly the bytes of ``JSONCoding/encode(_:)``
/// for the same value (its `Encodable` conformance stays the reference; the tests compare the two).
public protocol JSONWritable: Encodable {
    func write(to json: inout JSONWriter)
}

extension JSONWritable {
    /// The JSON text of this value.
    public var jsonBytes: [UInt8] {
        var json = JSONWriter()
        write(to: &json)
        return json.bytes
    }
}

extension Response {
    /// A JSON response written by the value itself (same bytes as the `Encodable` path, without its cost).
    public static func json<T: JSONWritable>(_ value: T, status: HTTPStatus = .ok) -> Response {
        Response(status: status, contentType: "application/json", body: value.jsonBytes)
    }
}

/// Appends JSON text to a byte buffer, with the output conventions of ``JSONCoding``: no whitespace, `/` not
/// escaped, dates as ``ISO8601Format`` strings, whole doubles without `.0`. Keys are written in the order the
/// caller gives; the caller keeps them sorted.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var bytes: [UInt8]
    /// True right after an opening bracket or a key, where the next value needs no comma before it.
    private var atStart = true

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes `{`, the members `body` writes, then `}`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// Writes `[`, the elements `body` writes, then `]`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(open)
        atStart = true
        body(&self)
        bytes.append(close)
        atStart = false
    }

    /// Writes a member name; the next value written is its value. Names are plain ASCII written as is.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    /// Writes the string, or `null` for nil.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int<T: BinaryInteger>(_ value: T) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Finite numbers only, as `JSONEncoder` writes them (`description`, a trailing `.0` dropped).
    public mutating func double(_ value: Double) {
        separate()
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    public mutating func date(_ value: Date) {
        string(ISO8601Format.string(from: value))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    private mutating func separate() {
        if atStart {
            atStart = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscaped(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
