import FuzzTestSupport
import Testing
@testable import HTTP

@Suite("Fuzz: URL-encoded forms")
struct URLEncodedFormFuzzTests {
    static let snippets: [[UInt8]] = [
        Array("%".utf8), Array("%2".utf8), Array("%zz".utf8), Array("%C3".utf8), Array("%FF".utf8), Array("%%".utf8),
        Array("%00".utf8), Array("&".utf8), Array("=".utf8), Array("+".utf8), Array("&&".utf8), Array("==".utf8),
        Array("%C3%A9".utf8), [0xC3], [0xFF],
    ]

    /// The same grammar decoded by the reference percent-decoder of the tests.
    static func reference(_ text: String) -> (pairs: [(String, String)], invalid: Bool) {
        var pairs: [(String, String)] = [], invalid = false
        // Byte-level, as browsers and nginx split: a delimiter fused into a grapheme cluster still counts.
        let text = Array(text.utf8)
        for piece in text.split(separator: UInt8(ascii: "&")) {
            let parts = piece.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
                .map { Substring(String(decoding: $0, as: UTF8.self)) }
            let decode = { (part: Substring) in FormEncoding.decode(part, plusAsSpace: true) }
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                invalid = true
                continue
            }
            pairs.append((name, value))
        }
        return (pairs, invalid)
    }

    @Test("100 000 mutated, random and valid forms, as String and as bytes", .timeLimit(.minutes(5)))
    func mutatedAndRandomForms() {
        var failures = FuzzFailures()
        var flagged = 0
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0xF0, case: index)
            let pairs = (0..<fuzzer.int(0...6)).map { _ in
                (fuzzer.text(maxLength: 8, extra: ["&", "=", "+", "%", " "]), fuzzer.text(maxLength: 12, extra: ["&", "=", "+", "%", " "]))
            }
            let plus = fuzzer.chance(1, in: 2), upper = fuzzer.chance(1, in: 2)
            let encode = { (text: String) in FormEncoding.encode(text, spaceAsPlus: plus, uppercase: upper) }
            let valid = pairs.map { encode($0.0) + "=" + encode($0.1) }
                .joined(separator: "&")
            let kind = fuzzer.int(0...7)
            let bytes: [UInt8]
            switch kind {
            case 0: bytes = Array(valid.utf8)
            case 1: bytes = fuzzer.randomInput()
            default: bytes = fuzzer.mutate(Array(valid.utf8), snippets: Self.snippets)
            }
            let fromBytes = URLEncodedForm(parsing: bytes)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                failures.check(fromBytes.pairs.isEmpty && fromBytes.hadInvalidPairs, "case \(index): invalid UTF-8 not flagged")
                continue
            }
            let form = URLEncodedForm(parsing: text)
            failures.check(form == fromBytes && form.hadInvalidPairs == fromBytes.hadInvalidPairs, "case \(index): String and bytes differ")
            let expected = Self.reference(text)
            failures.check(
                form.pairs.elementsEqual(expected.pairs) { $0.name == $1.0 && $0.value == $1.1 } && form.hadInvalidPairs == expected.invalid,
                "case \(index): \(text.debugDescription) differs from the reference"
            )
            if kind == 0 {
                failures.check(form.pairs.elementsEqual(pairs) { $0.name == $1.0 && $0.value == $1.1 }, "case \(index): round trip")
            }
            if form.hadInvalidPairs { flagged += 1 }
        }
        #expect(flagged > Fuzzer.cases / 10, "flagged forms: \(flagged)")
    }
}
