import Testing

@testable import Inference

/// Turning a picture by rewriting the orientation its file declares: shown turned, pixels and other metadata kept.
@Suite struct PictureOrientationTests {
    /// `image` turned clockwise by `quarterTurns` (0 to 3) quarter turns.
    static func rotated(_ image: RGBImage, _ quarterTurns: Int) -> RGBImage {
        (0..<((quarterTurns % 4 + 4) % 4)).reduce(image) { turned, _ in turned.oriented(.rotatedClockwise) }
    }

    static func jpeg(orientation: Int) throws -> [UInt8] {
        let stored = try JPEGEncoding.encode(TestImages.quadrants(width: 64, height: 32), quality: 95)
        return orientation == 1 ? stored : TestImages.withEXIFOrientation(stored, orientation, bigEndian: orientation % 2 == 0)
    }

    static func png(orientation: Int) -> [UInt8] {
        PNGExifTests.quadrants(orientation == 1 ? [] : [("eXIf", PNGExifTests.orientation(orientation))])
    }

    @Test("every orientation turned by quarter turns shows the picture turned; the pixels' bytes stay", arguments: 1...8)
    func everyOrientation(orientation: Int) throws {
        for file in [try Self.jpeg(orientation: orientation), Self.png(orientation: orientation)] {
            let shown = try ImageDecoding.decode(file)
            for turns in [1, 2, 3, -1, 4] {
                let turned = try #require(try PictureOrientation.turned(file, clockwise: turns))
                #expect(try ImageDecoding.decode(turned) == Self.rotated(shown, turns), "\(orientation) turned \(turns)")
                let info = try ImageDecoding.probe(turned)
                #expect(info.width == Self.rotated(shown, turns).width && info.height == Self.rotated(shown, turns).height)
                if file.starts(with: PNGHeader.signature) {
                    #expect(Self.after("IDAT", in: turned) == Self.after("IDAT", in: file))
                } else {
                    // Tables, frame and scan: everything from the quantisation tables on is the same.
                    #expect(Self.after([0xFF, 0xDB], in: turned) == Self.after([0xFF, 0xDB], in: file))
                }
            }
        }
    }

    /// The bytes from the first occurrence of `marker` on.
    static func after(_ marker: String, in bytes: [UInt8]) -> ArraySlice<UInt8> { after(Array(marker.utf8), in: bytes) }

    static func after(_ marker: [UInt8], in bytes: [UInt8]) -> ArraySlice<UInt8> {
        let at = (0...(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
        return bytes[(at ?? bytes.count)...]
    }

    @Test("the time taken and the rest of the Exif stay; an orientation already there is changed in place")
    func otherMetadataStays() throws {
        let taken = EXIFCaptureTime(dateTime: "2026:03:12 14:03:22", offset: "+01:00")
        let jpeg = try CaptureTimeTests.jpeg(taken: "2026:03:12 14:03:22", offset: "+01:00")
        let png = PNGExifTests.quadrants([("eXIf", CaptureTimeTests.tiff(taken: "2026:03:12 14:03:22", offset: "+01:00", bigEndian: false))])
        for file in [jpeg, png] {
            let turned = try #require(try PictureOrientation.turned(file, clockwise: 1))
            #expect(turned.count == file.count, "one value rewritten")
            let before = try ImageDecoding.probe(file), after = try ImageDecoding.probe(turned)
            #expect(after.captureTime == taken)
            #expect(after.width == before.height && after.height == before.width)
            #expect(try PictureOrientation.turned(turned, clockwise: -1) == file)
        }
    }

    @Test("an IFD0 without the orientation gets it in a copy at the end, the Exif IFD still found through its pointer")
    func orientationAdded() throws {
        for bigEndian in [true, false] {
            var tiff = CaptureTimeTests.tiff(taken: "2025:12:24 18:00:00", bigEndian: bigEndian)
            // The orientation entry (IFD0's first) becomes ResolutionUnit, a SHORT of no consequence.
            tiff.replaceSubrange(10..<12, with: bigEndian ? [0x01, 0x28] : [0x28, 0x01])
            let png = PNGExifTests.quadrants([("eXIf", tiff)])
            let jpegStored = try JPEGEncoding.encode(TestImages.quadrants(width: 64, height: 32), quality: 95)
            let payload = Array("Exif".utf8) + [0, 0] + tiff
            let jpeg = Array(jpegStored[..<2]) + [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)]
                + payload + Array(jpegStored[2...])
            for file in [png, jpeg] {
                #expect(try ImageDecoding.probe(file).captureTime?.dateTime == "2025:12:24 18:00:00")
                let turned = try #require(try PictureOrientation.turned(file, clockwise: 3))
                let info = try ImageDecoding.probe(turned)
                #expect(info.captureTime?.dateTime == "2025:12:24 18:00:00")
                #expect(try ImageDecoding.decode(turned) == Self.rotated(ImageDecoding.decode(file), 3))
                // Once there, the tag is rewritten in place: turning back costs no byte.
                let back = try #require(try PictureOrientation.turned(turned, clockwise: 1))
                #expect(back.count == turned.count)
                #expect(try ImageDecoding.decode(back) == ImageDecoding.decode(file))
            }
        }
    }

    @Test("a file without Exif gets a segment or chunk of that one tag where readers look: after JFIF, after IHDR")
    func exifAdded() throws {
        let jfif = try Self.jpeg(orientation: 1)
        #expect(Array(jfif[2..<4]) == [0xFF, 0xE0], "libjpeg-turbo writes a JFIF header first")
        let turned = try #require(try PictureOrientation.turned(jfif, clockwise: 1))
        #expect(Array(turned[2..<4]) == [0xFF, 0xE0], "JFIF stays first")
        let jfifLength = Int(jfif[4]) << 8 | Int(jfif[5])
        #expect(Array(turned[(4 + jfifLength)..<(6 + jfifLength)]) == [0xFF, 0xE1])
        // A PNG whose only eXIf comes after the pixels (read by nothing) ends with one, before them.
        let plain = Self.png(orientation: 1)
        let late = Array(plain.dropLast(12)) + TestPNG.chunk("eXIf", PNGExifTests.orientation(3)) + Array(plain.suffix(12))
        let turnedPNG = try #require(try PictureOrientation.turned(late, clockwise: 1))
        let chunks = PNGOrder.types(turnedPNG)
        #expect(chunks == ["IHDR", "eXIf", "IDAT", "IEND"])
        #expect(try ImageDecoding.decode(turnedPNG) == Self.rotated(ImageDecoding.decode(plain), 1))
    }

    @Test("an Exif segment too full to take the tag is nil, not a broken file; what is not a picture is an error")
    func refusals() throws {
        var tiff = CaptureTimeTests.tiff(taken: "2025:12:24 18:00:00")
        tiff.replaceSubrange(10..<12, with: [0x01, 0x28])
        let payload = Array("Exif".utf8) + [0, 0] + tiff + [UInt8](repeating: 0, count: 65_500 - tiff.count)
        let stored = try JPEGEncoding.encode(TestImages.quadrants(width: 16, height: 16), quality: 95)
        let full = Array(stored[..<2]) + [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
            + Array(stored[2...])
        #expect(try ImageDecoding.decode(full) == ImageDecoding.decode(stored))
        #expect(try PictureOrientation.turned(full, clockwise: 1) == nil)
        #expect(throws: ImagingError.self) { try PictureOrientation.turned(Array("GIF89a".utf8), clockwise: 1) }
        #expect(throws: ImagingError.self) { try PictureOrientation.turned([], clockwise: 1) }
        // Found by the header fuzz test: a PNG cut inside its IHDR's CRC probes, but has nowhere to put an eXIf.
        let cut = Array(PNGExifTests.quadrants().prefix(8 + 25 - 2))
        #expect(try ImageDecoding.probe(cut).width == 8)
        #expect(throws: ImagingError(code: .truncated, message: "PNG ends inside its IHDR chunk")) { try PictureOrientation.turned(cut, clockwise: 1) }
    }

    @Test("the orientations in a cycle of quarter turns", arguments: 1...8)
    func cycles(orientation: Int) throws {
        let start = try #require(EXIFOrientation(rawValue: orientation))
        #expect(start.turned(clockwise: 4) == start && start.turned(clockwise: -1).turned(clockwise: 1) == start)
        #expect(start.turned(clockwise: 2).swapsSides == start.swapsSides && start.turned(clockwise: 1).swapsSides != start.swapsSides)
    }
}

/// The chunk types of a PNG in order.
enum PNGOrder {
    static func types(_ bytes: [UInt8]) -> [String] {
        var types: [String] = [], index = 8
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self))
            index += 12 + length
        }
        return types
    }
}
