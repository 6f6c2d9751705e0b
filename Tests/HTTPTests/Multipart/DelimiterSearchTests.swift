import FuzzTestSupport
import Testing
@testable import HTTP

@Suite("Delimiter search")
struct DelimiterSearchTests {
    static func naive(_ needle: [UInt8], in haystack: [UInt8], from start: Int, lastStart: Int) -> Int? {
        guard haystack.count >= needle.count, start <= min(lastStart, haystack.count - needle.count) else { return nil }
        return (start...min(lastStart, haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test("Agrees with a naive search on haystacks full of near-matches")
    func agreesWithNaiveSearch() {
        var generator = SplitMix64(seed: 7)
        for round in 0..<3000 {
            let boundary = (0..<Int.random(in: 1...70, using: &generator)).map { _ in UInt8.random(in: 0x2D...0x2F, using: &generator) }
            let needle = Array("\r\n--".utf8) + boundary
            var haystack: [UInt8] = []
            while haystack.count < 600 {
                switch Int.random(in: 0...3, using: &generator) {
                case 0: haystack += needle.prefix(Int.random(in: 1...needle.count, using: &generator))
                case 1: haystack += needle
                default: haystack += (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                    [13, 10, 0x2D, 0x2E, 0x2F, 0x41][Int.random(in: 0...5, using: &generator)]
                }
                }
            }
            let start = Int.random(in: 0...haystack.count, using: &generator)
            let lastStart = Int.random(in: 0...haystack.count + 10, using: &generator)
            let found = haystack.withUnsafeBufferPointer {
                DelimiterSearch(needle: needle).firstIndex(in: $0, from: start, lastStart: lastStart)
            }
            #expect(found == Self.naive(needle, in: haystack, from: start, lastStart: lastStart), "round \(round)")
        }
    }
}
