import Foundation
import Testing
@testable import HTTP

/// JSONWriter must give byte for byte what JSONCoding.encode (JSONEncoder) gives for the same value.
@Suite("JSONWriter: same bytes as JSONCoding")
struct JSONWriterTests {
    private struct Box<T: Encodable>: Encodable { let value: T }

    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter()
        json.object { json in
            json.key("value")
            body(&json)
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func encoded<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encode(Box(value: value)), as: UTF8.self)
    }

    @Test func stringsAreEscapedLikeJSONEncoder() throws {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["", "plain", #"say "hi""#, #"back\slash"#, "a/b", "tab\there", "line\nbreak", "é café", "😀 emoji",
                    "\u{2028}\u{2029}", "\u{7F}\u{80}\u{FFFF}", "nul\u{0}inside", String(repeating: "x\"", count: 300)]
        for sample in samples {
            #expect(written { $0.string(sample) } == (try encoded(sample)), "\(Array(sample.utf8))")
        }
        #expect(written { $0.string(nil) } == #"{"value":null}"#)
    }

    @Test func doublesLookLikeJSONEncoder() throws {
        var samples: [Double] = [0, 1, -1, 0.5, 1e-7, 0.000_012_3, 0.1 + 0.2, 123_456_789, 1e15, 1e16, 1e21, 1e300, -2.5e-300,
                                 .leastNonzeroMagnitude, .greatestFiniteMagnitude, .pi]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            samples.append(Double(bitPattern: random.next()).isFinite ? Double(bitPattern: random.next()) : 0)
            samples.append(Double.random(in: 0...1, using: &random))
        }
        for sample in samples where sample.isFinite {
            #expect(written { $0.double(sample) } == (try encoded(sample)), "\(sample)")
        }
    }

    @Test func integersDatesAndBooleansLookLikeJSONEncoder() throws {
        for value: Int64 in [0, 1, -1, .max, .min, 1_234_567] {
            #expect(written { $0.int(value) } == (try encoded(value)))
        }
        for date in [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_790_000_000.123), Date()] {
            #expect(written { $0.date(date) } == (try encoded(date)))
        }
        for value in [true, false] {
            #expect(written { $0.bool(value) } == (try encoded(value)))
        }
    }

    @Test func nestedContainersGetTheirCommas() throws {
        struct Inner: Encodable { let a: Int; let b: [String] }
        struct Outer: Encodable { let empty: [Int]; let list: [Inner]; let z: String }
        let value = Outer(empty: [], list: [Inner(a: 1, b: []), Inner(a: 2, b: ["x", "y"])], z: "end")
        var json = JSONWriter()
        json.object { json in
            json.key("empty"); json.array { _ in }
            json.key("list")
            json.array { json in
                for inner in value.list {
                    json.object { json in
                        json.key("a"); json.int(inner.a)
                        json.key("b"); json.array { json in inner.b.forEach { json.string($0) } }
                    }
                }
            }
            json.key("z"); json.string(value.z)
        }
        #expect(json.bytes == (try JSONCoding.encode(value)))
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"empty":[],"list":[{"a":1,"b":[]},{"a":2,"b":["x","y"]}],"z":"end"}"#)
    }
}
