import Foundation
import FuzzTestSupport

/// Seeded choices and byte-level mutations for one fuzz case.
struct FuzzGenerator: FuzzCase {
    /// Cases per fuzz test: `MLP_FUZZ_CASES`, default 100 000.
    static let cases = ProcessInfo.processInfo.environment["MLP_FUZZ_CASES"].flatMap { Int($0) } ?? 100_000

    var generator: SplitMix64

    /// `MLP_FUZZ_SEED`, mixed into every test's seed to explore other cases (default 0: the committed cases).
    static let extraSeed = ProcessInfo.processInfo.environment["MLP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0

    /// The generator of one case: `seed` names the test, `index` the case, so one failing case can be replayed.
    init(seed: UInt64, case index: Int) {
        generator = SplitMix64(seed: (seed ^ Self.extraSeed) &* 0x1000_0000_01B3 ^ UInt64(index))
    }

    /// Sizes and indices that sit on the edges: negative, zero, just past the loader's limits, overflowing.
    mutating func edgeInteger() -> Int64 {
        pick([
            -1, -2, 0, 1, 2, 3, 5, 64, 255, 65_536, (1 << 28) - 1, 1 << 28, (1 << 28) + 1, 1 << 31, 1 << 40,
            1 << 62, Int64.max, Int64.min, Int64.min + 1, Int64(int(-100...100)),
        ])
    }

    /// One to four byte flips, overwrites, truncations, deletions, duplications or splices from `donor`.
    mutating func mutateBytes(_ input: [UInt8], donor: [UInt8]) -> [UInt8] {
        mutate(input, maxDeletion: 64, maxDuplication: 64) { fuzz in
            guard !donor.isEmpty else { return nil }
            let start = fuzz.int(0...donor.count - 1)
            return donor[start..<min(donor.count, start + fuzz.int(1...128))]
        }
    }
}

/// True in a debug build, where timing bounds are looser.
#if DEBUG
let isDebugBuild = true
#else
let isDebugBuild = false
#endif
