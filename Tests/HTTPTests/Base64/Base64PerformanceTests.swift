import Foundation
import Testing
@testable import HTTP

@Suite("Base64 performance", .serialized)
struct Base64PerformanceTests {
    @Test("27 MB of base64 decodes in tens of milliseconds (release)")
    func decodeLargeText() throws {
        var generator = SplitMix64(seed: 27)
        let bytes = generator.bytes(count: 20 << 20)
        let text = Base64Encoding.encode(bytes)
        #expect(text.utf8.count == 27_962_028)
        #expect(try Base64Decoding.decode(text) == bytes)
        let plain = try medianTime { _ = try Base64Decoding.decode(text) }
        let wrapped = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        #expect(try Base64Decoding.decode(wrapped) == bytes)
        let lines = try medianTime { _ = try Base64Decoding.decode(wrapped) }
        let mode = isDebugBuild ? "debug" : "release"
        print("base64: decoded 27.96 MB in \(milliseconds(plain)) ms, wrapped at 76 in \(milliseconds(lines)) ms (median of 5, \(mode))")
        #expect(plain < (isDebugBuild ? .seconds(5) : .milliseconds(100)))
        #expect(lines < (isDebugBuild ? .seconds(5) : .milliseconds(150)))
    }

    @Test("Encoding 20 MiB is as fast as Foundation's encoder or close")
    func encodeLargeData() {
        var generator = SplitMix64(seed: 21)
        let bytes = generator.bytes(count: 20 << 20)
        let ours = medianTime { _ = Base64Encoding.encode(bytes) }
        let data = Data(bytes)
        let foundation = medianTime { _ = data.base64EncodedString() }
        print("base64: encoded 20 MiB in \(milliseconds(ours)) ms; Foundation Data.base64EncodedString \(milliseconds(foundation)) ms")
        #expect(Base64Encoding.encode(bytes) == data.base64EncodedString())
        #expect(ours < (isDebugBuild ? .seconds(5) : .milliseconds(100)))
    }
}
