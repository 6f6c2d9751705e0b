import Foundation
import FuzzTestSupport
import Testing

/// Seeded choices and byte-level mutations for one fuzz case.
struct FuzzGenerator {
    /// Cases per fuzz test: `MLP_FUZZ_CASES`, default 100 000.
    static let cases = ProcessInfo.processInfo.environment["MLP_FUZZ_CASES"].flatMap { Int($0) } ?? 100_000

    var generator: SplitMix64

    /// `MLP_FUZZ_SEED`, mixed into every test's seed to explore other cases (default 0: the committed cases).
    static let extraSeed = ProcessInfo.processInfo.environment["MLP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0

    /// The generator of one case: `seed` names the test, `index` the case, so one failing case can be replayed.
    init(seed: UInt64, case index: Int) {
        generator = SplitMix64(seed: (seed ^ Self.extraSeed) &* 0x1000_0000_01B3 ^ UInt64(index))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { int(1...denominator) <= numerator }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// Sizes and indices that sit on the edges: negative, zero, just past the loader's limits, overflowing.
    mutating func edgeInteger() -> Int64 {
        pick([
            -1, -2, 0, 1, 2, 3, 5, 64, 255, 65_536, (1 << 28) - 1, 1 << 28, (1 << 28) + 1, 1 << 31, 1 << 40,
            1 << 62, Int64.max, Int64.min, Int64.min + 1, Int64(int(-100...100)),
        ])
    }

    /// One to four byte flips, overwrites, truncations, deletions, duplications or splices from `donor`.
    mutating func mutateBytes(_ input: [UInt8], donor: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1...4) {
            let position = int(0...bytes.count)
            switch int(0...6) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= 1 << UInt8(int(0...7))
            case 2:
                bytes.removeSubrange(position...)
            case 3:
                bytes.removeSubrange(position..<min(bytes.count, position + int(1...64)))
            case 4:
                let end = min(bytes.count, position + int(1...64))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: int(0...bytes.count))
            case 5... where !donor.isEmpty:
                let start = int(0...donor.count - 1)
                bytes.insert(contentsOf: donor[start..<min(donor.count, start + int(1...128))], at: position)
            default:
                break
            }
        }
        return bytes
    }
}

/// Records at most a few failures of a fuzz loop, each with the case that caused it.
struct FuzzFailures {
    private(set) var count = 0

    var tooMany: Bool { count >= 10 }

    mutating func check(
        _ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard !condition else { return }
        count += 1
        if count <= 10 { Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation) }
    }
}

/// True in a debug build, where timing bounds are looser.
#if DEBUG
let isDebugBuild = true
#else
let isDebugBuild = false
#endif
