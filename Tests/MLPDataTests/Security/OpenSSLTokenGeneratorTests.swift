import Foundation
import MLPData
import Testing

@Suite struct OpenSSLTokenGeneratorTests {
    private let generator = OpenSSLTokenGenerator()

    @Test func tokensAre43Base64URLCharactersAndDistinct() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let token = try generator.generate()
            #expect(token.count == 43)
            #expect(token.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            })
            seen.insert(token)
        }
        #expect(seen.count == 200)
    }

    @Test func digestIsSHA256() {
        // FIPS 180-2 test vector for "abc".
        let hex = generator.digest(of: "abc").map { String(format: "%02x", $0) }.joined()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(generator.digest(of: "abd") != generator.digest(of: "abc"))
    }
}
