import FuzzTestSupport
import FastCGI
import Testing
@testable import HTTP

@Suite("Fuzz: Request from FastCGI parameters")
struct RequestFastCGIFuzzTests {
    static let snippets: [[UInt8]] = [
        Array("%".utf8), Array("%2F".utf8), Array("%2".utf8), Array("%zz".utf8), Array("%C3".utf8), Array("%FF".utf8),
        Array("/".utf8), Array("//".utf8), Array("?".utf8), Array("&".utf8), Array("=".utf8), Array("+".utf8),
        Array("..".utf8), Array("%00".utf8), [0xC3],
    ]

    /// Segments decoded by the reference percent-decoder of the tests; nil when one cannot be decoded.
    static func referenceSegments(_ uri: String) -> [String]? {
        // Byte-level, as nginx and browsers split: a delimiter fused into a grapheme cluster still counts.
        let bytes = Array(uri.utf8)
        let path = bytes.split(separator: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        var segments: [String] = []
        for piece in path.split(separator: UInt8(ascii: "/")) {
            guard let decoded = FormEncoding.decode(Substring(String(decoding: piece, as: UTF8.self)), plusAsSpace: false) else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    @Test("100 000 mutated and random REQUEST_URI and QUERY_STRING values", .timeLimit(.minutes(5)))
    func mutatedAndRandomParams() {
        var failures = FuzzFailures()
        var refused = 0
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0xFC61, case: index)
            let segments = (0..<fuzzer.int(0...5)).map { _ in fuzzer.text(maxLength: 10, extra: ["/", "?", "%", " ", "+"]) }
            let query = (0..<fuzzer.int(0...3)).map { _ in
                FormEncoding.encode(fuzzer.text(maxLength: 6), spaceAsPlus: true) + "=" + FormEncoding.encode(fuzzer.text(maxLength: 8), spaceAsPlus: true)
            }.joined(separator: "&")
            let path = "/" + segments.map { FormEncoding.encode($0, spaceAsPlus: false) }.joined(separator: "/")
            let kind = fuzzer.int(0...7)
            var uri = path + (query.isEmpty ? "" : "?" + query), queryString = query
            switch kind {
            case 0: break
            case 1:
                uri = String(decoding: fuzzer.randomInput(maxLength: 256), as: UTF8.self)
                queryString = String(decoding: fuzzer.randomInput(maxLength: 256), as: UTF8.self)
            default:
                uri = String(decoding: fuzzer.mutate(Array(uri.utf8), snippets: Self.snippets, maxLength: 256), as: UTF8.self)
                queryString = String(decoding: fuzzer.mutate(Array(query.utf8), snippets: Self.snippets, maxLength: 256), as: UTF8.self)
            }
            var params = ["REQUEST_URI": uri, "QUERY_STRING": queryString]
            if fuzzer.chance(1, in: 2) { params["REQUEST_METHOD"] = fuzzer.pick(["GET", "POST", "", "get", fuzzer.text(maxLength: 6)]) }
            if fuzzer.chance(1, in: 4) { params["HTTP_COOKIE"] = fuzzer.text(maxLength: 30) }
            if fuzzer.chance(1, in: 4) { params["HTTPS"] = fuzzer.pick(["on", "off", "", "OFF", "1"]) }
            let request = Request(fastCGI: FastCGIRequest(params: params))
            let expectedSegments = Self.referenceSegments(uri)
            failures.check((request == nil) == (expectedSegments == nil), "case \(index): \(uri.debugDescription) accepted differently")
            guard let request else {
                refused += 1
                continue
            }
            failures.check(request.pathSegments == expectedSegments, "case \(index): segments of \(uri.debugDescription)")
            failures.check(request.path == "/" + request.pathSegments.joined(separator: "/"), "case \(index): path")
            failures.check(!request.pathSegments.contains(""), "case \(index): empty segment")
            failures.check(request.query == URLEncodedForm(parsing: queryString), "case \(index): query")
            failures.check(request.method.rawValue == params["REQUEST_METHOD"] ?? "GET", "case \(index): method")
            _ = request.cookies
            if kind == 0 { failures.check(request.pathSegments == segments.filter { !$0.isEmpty }, "case \(index): round trip") }
        }
        #expect(refused > Fuzzer.cases / 20, "refused: \(refused)")
    }
}
