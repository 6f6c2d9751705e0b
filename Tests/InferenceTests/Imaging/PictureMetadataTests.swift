import Foundation
import Testing

@testable import Inference

@Suite("Picture metadata removal")
struct PictureMetadataTests {
    /// What the files below hide; none of it may survive.
    static let secrets = ["GPSLatitude 48.8584", "Alice's iPhone", "taken at home", "MPF", "MOTION-PHOTO"]

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// A big-endian Exif payload whose IFD0 has the orientation, followed by text a camera might write.
    static func exif(orientation: Int, then text: String) -> [UInt8] {
        Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0, 0, 0, 0, 0]
            + Array(text.utf8)
    }

    static let icc = segment(0xE2, Array("ICC_PROFILE".utf8) + [0, 1, 1] + Array("a colour profile".utf8))

    /// `jpeg` (SOI first) with Exif, XMP, IPTC, a comment, an ICC profile, a multi-picture index and a video
    /// after its end, as phones write them.
    static func withMetadata(_ jpeg: [UInt8], orientation: Int) -> [UInt8] {
        var inserted = segment(0xE1, exif(orientation: orientation, then: "GPSLatitude 48.8584"))
        inserted += segment(0xE1, Array("http://ns.adobe.com/xap/1.0/".utf8) + [0] + Array("<x:xmpmeta>Alice's iPhone</x:xmpmeta>".utf8))
        inserted += segment(0xED, Array("Photoshop 3.0".utf8) + [0] + Array("taken at home".utf8))
        inserted += segment(0xFE, Array("taken at home".utf8))
        inserted += icc
        inserted += segment(0xE2, Array("MPF".utf8) + [0] + Array("index of the second picture".utf8))
        return Array(jpeg[..<2]) + inserted + Array(jpeg[2...]) + Array("MOTION-PHOTO video bytes".utf8)
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test("a phone's JPEG keeps its pixels, orientation and colour profile and loses everything else",
          arguments: [1, 6, 8])
    func jpegFromAPhone(orientation: Int) throws {
        let plain = try JPEGEncoding.encode(TestImages.quadrants(width: 32, height: 24), quality: 90)
        let phone = Self.withMetadata(plain, orientation: orientation)
        let cleaned = PictureMetadata.removed(from: phone)
        for secret in Self.secrets { #expect(!Self.contains(cleaned, secret), "\(secret)") }
        #expect(Self.contains(cleaned, "ICC_PROFILE"))
        #expect(try ImageDecoding.decode(cleaned) == ImageDecoding.decode(phone), "shown the same, turned the same way")
        #expect(try JPEGHeader.parse(cleaned).orientation.rawValue == orientation)
        #expect(Self.contains(cleaned, "Exif") == (orientation != 1), "an Exif segment only to say how to turn it")
        #expect(Array(cleaned.suffix(2)) == [0xFF, 0xD9], "nothing after the end of the image")
        #expect(cleaned.count < plain.count + Self.icc.count + 40)
        #expect(PictureMetadata.removed(from: cleaned) == cleaned, "a second pass finds nothing more")
    }

    @Test("a JPEG with nothing to remove comes back byte for byte")
    func plainJPEG() throws {
        let plain = try JPEGEncoding.encode(TestImages.gradient(width: 40, height: 30), quality: 80)
        #expect(PictureMetadata.removed(from: plain) == plain)
    }

    @Test("the JFIF header's thumbnail is dropped, its densities kept")
    func jfifThumbnail() throws {
        let plain = try JPEGEncoding.encode(TestImages.gradient(width: 16, height: 16), quality: 80)
        #expect(plain[2...3] == [0xFF, 0xE0])
        let length = Int(plain[4]) << 8 | Int(plain[5])
        // JFIF with a 2×1 RGB thumbnail of the uncropped picture.
        let jfif = Array(plain[6..<18]) + [2, 1] + Array("thumb!".utf8)
        let withThumbnail = Array(plain[..<2]) + Self.segment(0xE0, jfif) + Array(plain[(4 + length)...])
        let cleaned = PictureMetadata.removed(from: withThumbnail)
        #expect(cleaned == plain)
        #expect(try ImageDecoding.decode(cleaned) == ImageDecoding.decode(withThumbnail))
    }

    @Test("segments between the scans of a progressive JPEG go, the scans stay; Adobe's colour transform stays")
    func progressiveAndCMYK() throws {
        let progressive = try TestImages.fixture("progressive.jpg")
        let scans = (0..<(progressive.count - 1)).filter { progressive[$0] == 0xFF && progressive[$0 + 1] == 0xDA }
        #expect(scans.count > 2)
        let commented = Array(progressive[..<scans[1]]) + Self.segment(0xFE, Array("taken at home".utf8))
            + Self.segment(0xEC, Array("Ducky".utf8)) + Array(progressive[scans[1]...])
        let cleaned = PictureMetadata.removed(from: commented)
        #expect(!Self.contains(cleaned, "taken at home") && !Self.contains(cleaned, "Ducky"))
        #expect(try ImageDecoding.decode(cleaned) == ImageDecoding.decode(progressive))

        let cmyk = try TestImages.fixture("cmyk.jpg")
        let cleanedCMYK = PictureMetadata.removed(from: cmyk)
        #expect(Self.contains(cleanedCMYK, "Adobe"))
        #expect(try ImageDecoding.decode(cleanedCMYK) == ImageDecoding.decode(cmyk))
    }

    @Test("a PNG loses its text, time, Exif and private chunks and what follows IEND; its orientation and colour chunks stay")
    func png() throws {
        var picture = TestPNG(width: 3, height: 2, colorType: .rgb, samples: Array(0..<18).map { $0 * 14 })
        let exif = Array(Self.exif(orientation: 6, then: "GPSLatitude 48.8584").dropFirst(6))
        picture.chunks = [
            ("gAMA", TestPNG.bigEndian(45_455)), ("pHYs", TestPNG.bigEndian(2835) + TestPNG.bigEndian(2835) + [1]),
            ("tEXt", Array("Author\0Alice's iPhone".utf8)), ("iTXt", Array("Comment\0\0\0\0\0taken at home".utf8)),
            ("tIME", [0x07, 0xEA, 11, 27, 12, 0, 0]), ("eXIf", exif), ("prVt", Array("MPF".utf8)),
        ]
        let phone = picture.encoded() + Array("MOTION-PHOTO".utf8)
        let cleaned = PictureMetadata.removed(from: phone)
        for secret in Self.secrets { #expect(!Self.contains(cleaned, secret), "\(secret)") }
        for kept in ["IHDR", "gAMA", "pHYs", "IDAT", "IEND"] { #expect(Self.contains(cleaned, kept), "\(kept)") }
        for dropped in ["tEXt", "iTXt", "tIME", "prVt"] { #expect(!Self.contains(cleaned, dropped), "\(dropped)") }
        #expect(try ImageDecoding.decode(cleaned) == ImageDecoding.decode(phone))
        #expect(Array(cleaned.suffix(8)) == TestPNG.chunk("IEND", []).suffix(8))
        // The orientation survives in an eXIf chunk of that one tag, right after IHDR, with a correct CRC.
        let at = 8 + 25
        #expect(String(decoding: cleaned[(at + 4)..<(at + 8)], as: UTF8.self) == "eXIf")
        let length = cleaned[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
        let data = Array(cleaned[(at + 8)..<(at + 8 + length)])
        #expect(EXIFOrientation.parse(app1: Array("Exif".utf8) + [0, 0] + data) == .rotatedClockwise)
        #expect(Array(cleaned[(at + 8 + length)..<(at + 12 + length)]) == TestPNG.bigEndian(TestPNG.crc32(Array("eXIf".utf8) + data)))
        #expect(PictureMetadata.removed(from: cleaned) == cleaned)
        let plain = TestPNG(width: 2, height: 2, colorType: .gray, samples: [0, 80, 160, 240]).encoded()
        #expect(PictureMetadata.removed(from: plain) == plain)
    }

    @Test("other bytes come back as they are; a file cut short keeps what comes before the cut")
    func otherBytes() throws {
        #expect(PictureMetadata.removed(from: Array("GIF89a".utf8)) == Array("GIF89a".utf8))
        #expect(PictureMetadata.removed(from: []) == [])
        let phone = Self.withMetadata(try JPEGEncoding.encode(TestImages.gradient(width: 8, height: 8), quality: 80), orientation: 3)
        for cut in [3, 5, 40, 200, phone.count / 2] {
            let cleaned = PictureMetadata.removed(from: Array(phone[..<cut]))
            #expect(cleaned.starts(with: [0xFF, 0xD8]) && !Self.contains(cleaned, "taken at home"), "cut at \(cut)")
        }
    }
}
