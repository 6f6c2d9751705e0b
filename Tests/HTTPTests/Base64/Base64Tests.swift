import FuzzTestSupport
import Foundation
import Testing
@testable import HTTP

@Suite("Base64")
struct Base64Tests {
    static func error(_ text: String) -> Base64Error? {
        do {
            _ = try Base64Decoding.decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func roundTripsRandomBytesOfEveryLengthUpTo100() throws {
        var generator = SplitMix64(seed: 64)
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64Encoding.encode(bytes)
            #expect(encoded == Data(bytes).base64EncodedString(), "length \(length)")
            #expect(try Base64Decoding.decode(encoded) == bytes, "length \(length)")
            #expect(try Base64Decoding.decode(Array(encoded.utf8)) == bytes, "length \(length)")
            let unpadded = String(encoded.prefix { $0 != "=" })
            #expect(try Base64Decoding.decode(unpadded) == bytes, "unpadded length \(length)")
            #expect(Base64Decoding.decodedLengthUpperBound(of: encoded) >= bytes.count)
            #expect(Base64Decoding.decodedLengthUpperBound(of: unpadded) == bytes.count)
        }
    }

    @Test func knownVectors() throws {
        // RFC 4648 §10.
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64Encoding.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64Decoding.decode(encoded) == Array(plain.utf8))
        }
        #expect(try Base64Decoding.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    }

    @Test func whitespaceAndNewlinesAnywhere() throws {
        #expect(try Base64Decoding.decode(" Zm9v\r\nYm\tFy \n") == Array("foobar".utf8))
        #expect(try Base64Decoding.decode("Z m 9 v Y g = =\n") == Array("foob".utf8))
        #expect(try Base64Decoding.decode("Zm9vYg=\n=") == Array("foob".utf8))
        let wrapped = stride(from: 0, to: 400, by: 76).map { offset in
            String(Base64Encoding.encode(Array(repeating: 0xAB, count: 300)).dropFirst(offset).prefix(76))
        }.joined(separator: "\r\n")
        #expect(try Base64Decoding.decode(wrapped) == Array(repeating: 0xAB, count: 300))
        #expect(try Base64Decoding.decode(" \n\t") == [])
    }

    @Test func dataURLPrefixIsSkippedAndItsTypeOnlyReported() throws {
        let text = "data:image/PNG;name=a.png;base64,iVBORw0KGgo="
        #expect(try Base64Decoding.decode(text) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try Base64Decoding.decode("\n DATA:;BASE64,Zm9v") == Array("foo".utf8))
        #expect(Base64Decoding.declaredMediaType(of: text) == "image/png")
        #expect(Base64Decoding.declaredMediaType(of: "data:;base64,Zm9v") == nil)
        #expect(Base64Decoding.declaredMediaType(of: "Zm9v") == nil)
        #expect(Self.error("data:image/png,Zm9v")?.code == .invalidDataURL)
        #expect(Self.error("data:image/png;base64")?.code == .invalidDataURL)
        #expect(Self.error("  data:text/plain;charset=x,abc")?.position == 2)
    }

    @Test func invalidCharacterIsNamedWithItsPosition() throws {
        let star = try #require(Self.error("Zm9v*mFy"))
        #expect(star.code == .invalidCharacter)
        #expect(star.position == 4)
        #expect(star.detail == "The byte 0x2A '*' at position 4 is not base64.")
        #expect(Self.error("Zm9v-_")?.code == .invalidCharacter)  // URL-safe alphabet is not accepted
        let accent = try #require(Self.error("Zm9\u{E9}"))
        #expect(accent.position == 3)
        #expect(accent.detail == "The byte 0xC3 at position 3 is not base64.")
        #expect(Self.error("Zm9v\u{0}")?.position == 4)
        #expect(Self.error("Zm9v\u{0B}")?.code == .invalidCharacter)  // vertical tab is not ASCII whitespace here
    }

    @Test func wrongPadding() {
        #expect(Self.error("Zm9vYg=")?.code == .invalidPadding)  // needs two
        #expect(Self.error("Zm9vYg===")?.code == .invalidPadding)
        #expect(Self.error("Zm9vYg===")?.position == 8)
        #expect(Self.error("Zm9vYmE==")?.code == .invalidPadding)
        #expect(Self.error("Zm9v=")?.code == .invalidPadding)
        #expect(Self.error("=")?.code == .invalidPadding)
        #expect(Self.error("Zm9v=")?.position == 4)
        #expect(Self.error("Zg==Zg==")?.code == .invalidPadding)
    }

    @Test func equalsSignInTheMiddle() throws {
        let middle = try #require(Self.error("Zm9=vYmFy"))
        #expect(middle.code == .invalidPadding)
        #expect(middle.position == 4)
        #expect(Self.error("Zm9vY=mFy")?.code == .invalidLength)
        #expect(Self.error("Zm9vYm=Fy")?.position == 7)
    }

    @Test(arguments: ["Z", "Zm9vY", "Zm9vYmFyZ", "Zm9v\nY\n", "Zm9vY==="])
    func lengthOneModuloFourIsImpossible(text: String) {
        let error = Self.error(text)
        #expect(error?.code == .invalidLength)
        // The position names the leftover character: the last one of the alphabet.
        let last = Array(text.utf8).lastIndex { (UInt8(ascii: "A")...UInt8(ascii: "z")).contains($0) }
        #expect(error?.position == last)
    }

    @Test func upperBoundCoversEveryLength() throws {
        #expect(Base64Decoding.decodedLengthUpperBound(encodedLength: 0) == 0)
        #expect(Base64Decoding.decodedLengthUpperBound(encodedLength: 4) == 3)
        #expect(Base64Decoding.decodedLengthUpperBound(encodedLength: -5) == 0)
        #expect(Base64Decoding.decodedLengthUpperBound(encodedLength: Int.max) > Int.max / 4 * 3 - 1)
        for length in 0..<64 {
            let text = String(repeating: "A", count: length)
            if let decoded = try? Base64Decoding.decode(text) {
                #expect(decoded.count <= Base64Decoding.decodedLengthUpperBound(encodedLength: length))
            }
        }
    }

    @Test func errorMapsToAValidationProblemOnTheField() throws {
        let problem = try #require(Self.error("Zm9v*")).problem(field: "image_base64")
        #expect(problem.status == 422)
        #expect(problem.errors == [ProblemDetails.FieldError(field: "image_base64", message: "The byte 0x2A '*' at position 4 is not base64.")])
    }
}
