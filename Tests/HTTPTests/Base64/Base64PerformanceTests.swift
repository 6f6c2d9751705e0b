import FuzzTestSupport
import Foundation
import Testing
@testable import HTTP

/// Large inputs round-trip exactly. Speed is measured by the benchmarks (bench/), not here.
@Suite("Base64 large inputs", .serialized)
struct Base64PerformanceTests {
    @Test("20 MiB round-trips through 27.96 MB of base64, plain and wrapped at 76 with CRLF")
    func decodeLargeText() throws {
        var generator = SplitMix64(seed: 27)
        let bytes = generator.bytes(count: 20 << 20)
        let text = Base64Encoding.encode(bytes)
        #expect(text.utf8.count == 27_962_028)
        #expect(try Base64Decoding.decode(text) == bytes)
        let wrapped = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        #expect(try Base64Decoding.decode(wrapped) == bytes)
    }

    @Test("Encoding agrees with Foundation's encoder for every length remainder and when appended to a body")
    func encodeMatchesFoundation() {
        var generator = SplitMix64(seed: 21)
        for count in [0, 1, 2, 3, 4, 5, 6, 7, 4095, 4096, 4097, 20 << 20] {
            let bytes = generator.bytes(count: count)
            let expected = Data(bytes).base64EncodedString()
            #expect(Base64Encoding.encode(bytes) == expected, "\(count) bytes")
            var body = Array("{\"x\":\"".utf8)
            Base64Encoding.append(bytes, to: &body)
            #expect(body == Array("{\"x\":\"".utf8) + Array(expected.utf8), "\(count) bytes appended")
        }
    }
}
