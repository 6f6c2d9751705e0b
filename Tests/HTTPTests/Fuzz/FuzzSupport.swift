import FuzzTestSupport
import Foundation

/// Seeded mutations of valid inputs and random inputs, with a replayable seed per case.
struct Fuzzer: FuzzCase {
    /// Cases per parser: each fuzz test runs this many inputs; `MLP_FUZZ_CASES` sets it (`make fuzz` raises it).
    static let cases = casesSetting(ProcessInfo.processInfo.environment["MLP_FUZZ_CASES"])

    /// The case count a setting asks for: a positive integer (`_` separators allowed), else 100 000.
    static func casesSetting(_ value: String?) -> Int {
        guard let value, let count = Int(value.replacingOccurrences(of: "_", with: "")), count > 0 else { return 100_000 }
        return count
    }
    /// Inputs are kept small so a debug run stays quick.
    static let maxLength = 512

    var generator: SplitMix64

    /// The generator of one case: `seed` names the test, `index` the case, so one failing case can be replayed.
    init(seed: UInt64, case index: Int) {
        generator = SplitMix64(seed: seed &* 0x1000_0000_01B3 ^ UInt64(index))
    }

    mutating func bytes(count: Int) -> [UInt8] { generator.bytes(count: count) }

    /// Random bytes, drawn from `alphabet` when given.
    mutating func randomInput(alphabet: [UInt8]? = nil, maxLength: Int = Fuzzer.maxLength) -> [UInt8] {
        let count = int(0...maxLength)
        guard let alphabet else { return bytes(count: count) }
        return (0..<count).map { _ in pick(alphabet) }
    }

    /// One to four byte flips, truncations, deletions, duplications or insertions of `snippets`.
    mutating func mutate(_ input: [UInt8], snippets: [[UInt8]], maxLength: Int = Fuzzer.maxLength) -> [UInt8] {
        Array(mutate(input, maxDeletion: 16, maxDuplication: 32) { $0.pick(snippets)[...] }.prefix(maxLength))
    }

    /// A string of random Unicode scalars, weighted towards ASCII and characters that need escaping.
    mutating func text(maxLength: Int = 24, extra: [Unicode.Scalar] = []) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(0...maxLength) {
            switch int(0...9) {
            case 0...5: scalars.append(Unicode.Scalar(UInt8(int(0x20...0x7E))))
            case 6, 7: scalars.append(pick(extra.isEmpty || chance(1, in: 2) ? Self.specialScalars : extra))
            default: scalars.append(Unicode.Scalar(UInt32(int(0...0xD7FF)))!)
            }
        }
        return String(scalars)
    }

    /// Scalars that need escaping somewhere or that Foundation treats specially.
    private static let specialScalars: [Unicode.Scalar] = [
        "\"", "\\", "/", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "é", "€", "🐱", "\u{FEFF}", "\u{0301}", "\u{0602}",
    ]
}
