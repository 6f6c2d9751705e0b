import FuzzTestSupport
import Testing
@testable import HTTP

@Suite("Fuzz: base64")
struct Base64FuzzTests {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let whitespace: [UInt8] = [0x09, 0x0A, 0x0C, 0x0D, 0x20]
    /// Byte → value in the alphabet, or -1.
    static let values: [Int] = (0...255).map { byte in alphabet.firstIndex(of: UInt8(byte)) ?? -1 }

    /// A slow, obviously correct decoder written from RFC 4648 and the documented leniencies; nil when invalid.
    static func reference(_ input: [UInt8]) -> [UInt8]? {
        var text = input[...]
        let start = text.firstIndex { !whitespace.contains($0) } ?? text.endIndex
        let lowercased = { (byte: UInt8) in (65...90).contains(byte) ? byte + 32 : byte }
        if text[start...].prefix(5).map(lowercased) == Array("data:".utf8) {
            guard let comma = text[start...].firstIndex(of: UInt8(ascii: ",")) else { return nil }
            let header = text[start..<comma].map(lowercased)
            guard header.count >= 12, header.suffix(7) == Array(";base64".utf8) else { return nil }
            text = text[(comma + 1)...]
        }
        let symbols = text.filter { !whitespace.contains($0) }
        let dataCount = symbols.firstIndex(of: UInt8(ascii: "=")) ?? symbols.count
        let data = symbols.prefix(dataCount), padding = symbols.dropFirst(dataCount)
        guard data.allSatisfy({ values[Int($0)] >= 0 }), padding.allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
        guard data.count % 4 != 1, padding.isEmpty || (data.count % 4 != 0 && padding.count == 4 - data.count % 4) else {
            return nil
        }
        var output: [UInt8] = [], bits = 0, bitCount = 0
        for symbol in data {
            bits = bits << 6 | values[Int(symbol)]
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> bitCount))
                bits &= (1 << bitCount) - 1
            }
        }
        return output
    }

    @Test("100 000 mutated, random and valid texts agree with a reference decoder", .timeLimit(.minutes(5)))
    func agreesWithReference() {
        var failures = FuzzFailures()
        var outcomes = [0, 0]
        let snippets: [[UInt8]] = [
            Array("=".utf8), Array("==".utf8), Array(" ".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\u{0B}".utf8),
            Array("data:".utf8), Array("data:image/png;base64,".utf8), Array(";base64,".utf8), Array(",".utf8),
            Array("A".utf8), Array("+/".utf8), Array("-_".utf8), Array("*".utf8), [0], Array("é".utf8), [0xFF],
        ]
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0xB64, case: index)
            let original = fuzzer.bytes(count: fuzzer.int(0...300))
            var valid = Array(Base64Encoding.encode(original).utf8)
            if fuzzer.chance(1, in: 3) { valid = Array(valid.prefix { $0 != UInt8(ascii: "=") }) }
            if fuzzer.chance(1, in: 3) {
                for _ in 0..<fuzzer.int(1...8) { valid.insert(fuzzer.pick(Self.whitespace), at: fuzzer.int(0...valid.count)) }
            }
            if fuzzer.chance(1, in: 4) { valid = Array("data:image/jpeg;base64,".utf8) + valid }
            let kind = fuzzer.int(0...7)
            let input: [UInt8]
            switch kind {
            case 0: input = valid
            case 1: input = fuzzer.randomInput()
            case 2: input = fuzzer.randomInput(alphabet: Self.alphabet + Self.whitespace + Array("==".utf8))
            default: input = fuzzer.mutate(valid, snippets: snippets)
            }
            let expected = Self.reference(input)
            if kind == 0 { failures.check(expected == original, "case \(index): reference disagrees with the encoder") }
            do {
                let decoded = try Base64Decoding.decode(input)
                outcomes[0] += 1
                failures.check(decoded == expected, "case \(index): decoded \(decoded.count) bytes, reference \(String(describing: expected?.count))")
                failures.check(
                    decoded.count <= Base64Decoding.decodedLengthUpperBound(encodedLength: input.count), "case \(index): bound"
                )
            } catch {
                outcomes[1] += 1
                failures.check(expected == nil, "case \(index): refused valid input: \(error)")
                failures.check((0..<input.count).contains(error.position), "case \(index): position \(error.position)")
                if error.code == .invalidCharacter, input.indices.contains(error.position) {
                    let byte = input[error.position]
                    failures.check(
                        !Self.alphabet.contains(byte) && !Self.whitespace.contains(byte) && byte != UInt8(ascii: "="),
                        "case \(index): \(error) names a valid character"
                    )
                }
            }
            if index % 8 == 0, let text = String(validating: input, as: UTF8.self) {
                failures.check(
                    (try? Base64Decoding.decode(text)) == expected, "case \(index): String and byte input disagree"
                )
            }
        }
        #expect(outcomes[0] > Fuzzer.cases / 5 && outcomes[1] > Fuzzer.cases / 5, "decoded, refused: \(outcomes)")
    }
}
