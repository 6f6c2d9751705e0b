import FuzzTestSupport
import Testing
@testable import HTTP

@Suite("Fuzz: Cookie header")
struct CookieFuzzTests {
    static let tokenCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~".utf8)
    static let valueCharacters = tokenCharacters + Array("/:<>?@[]{}()".utf8)

    @Test("100 000 mutated, random and valid Cookie headers", .timeLimit(.minutes(5)))
    func mutatedAndRandomHeaders() {
        var failures = FuzzFailures()
        let snippets: [[UInt8]] = [
            Array(";".utf8), Array("=".utf8), Array("\"".utf8), Array(" ".utf8), Array("\t".utf8), Array(";;".utf8),
            Array("=\"\"".utf8), [0], Array("\u{A0}".utf8), Array("é".utf8), Array(",".utf8),
        ]
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0xC00C, case: index)
            var expected: [String: String] = [:]
            var pieces: [String] = []
            for _ in 0..<fuzzer.int(0...6) {
                let name = String(decoding: (0..<fuzzer.int(1...8)).map { _ in fuzzer.pick(Self.tokenCharacters) }, as: UTF8.self)
                let value = String(decoding: (0..<fuzzer.int(0...12)).map { _ in fuzzer.pick(Self.valueCharacters) }, as: UTF8.self)
                pieces.append("\(name)=" + (fuzzer.chance(1, in: 4) ? "\"\(value)\"" : value))
                if expected[name] == nil { expected[name] = value }
            }
            let valid = pieces.joined(separator: fuzzer.pick(["; ", ";", " ; "]))
            let kind = fuzzer.int(0...7)
            let header: String
            switch kind {
            case 0: header = valid
            case 1: header = String(decoding: fuzzer.randomInput(), as: UTF8.self)
            default: header = String(decoding: fuzzer.mutate(Array(valid.utf8), snippets: snippets), as: UTF8.self)
            }
            var headers = HTTPHeaders()
            headers.add("Cookie", header)
            if fuzzer.chance(1, in: 8) { headers.add("cookie", "extra=1") }
            let cookies = Request(method: .get, path: "/", headers: headers).cookies
            for (name, value) in cookies {
                // Byte-level: Character comparison would also match U+037E, which is canonically equal to `;`.
                failures.check(
                    !name.isEmpty && !name.utf8.contains(UInt8(ascii: ";")) && !value.utf8.contains(UInt8(ascii: ";")),
                    "case \(index): \(name.debugDescription)=\(value.debugDescription)"
                )
                let blank: Set<Unicode.Scalar> = [" ", "\t"]
                failures.check(
                    !blank.contains(name.unicodeScalars.first!) && !blank.contains(name.unicodeScalars.last!),
                    "case \(index): untrimmed name \(name.debugDescription)"
                )
            }
            if kind == 0 { failures.check(cookies.filter { $0.key != "extra" } == expected.filter { $0.key != "extra" }, "case \(index): \(valid)") }
        }
    }
}
