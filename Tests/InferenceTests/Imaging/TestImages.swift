import Foundation
import Inference

/// Pictures and byte surgery shared by the imaging tests.
enum TestImages {
    /// Red ramps left to right, green top to bottom, blue constant.
    static func gradient(width: Int, height: Int, blue: UInt8 = 100) -> RGBImage {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), blue]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Quadrants: top-left red, top-right green, bottom-left blue, bottom-right white.
    static func quadrants(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8]()
        for y in 0..<height {
            for x in 0..<width {
                switch (x < width / 2, y < height / 2) {
                case (true, true): pixels += [255, 0, 0]
                case (false, true): pixels += [0, 255, 0]
                case (true, false): pixels += [0, 0, 255]
                case (false, false): pixels += [255, 255, 255]
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// For `quadrants` stored with each Exif orientation: the colours shown in the top-left and top-right quadrants.
    static let quadrantCorners: [(orientation: Int, topLeft: [Int], topRight: [Int])] = [
        (1, [255, 0, 0], [0, 255, 0]), (2, [0, 255, 0], [255, 0, 0]),
        (3, [255, 255, 255], [0, 0, 255]), (4, [0, 0, 255], [255, 255, 255]),
        (5, [255, 0, 0], [0, 0, 255]), (6, [0, 0, 255], [255, 0, 0]),
        (7, [255, 255, 255], [0, 255, 0]), (8, [0, 255, 0], [255, 255, 255]),
    ]

    /// Every pixel the same colour.
    static func constant(width: Int, height: Int, _ rgb: [UInt8]) -> RGBImage {
        RGBImage(width: width, height: height, pixels: Array([[UInt8]](repeating: rgb, count: width * height).joined()))
    }

    /// The JPEG with an APP1 Exif segment holding only IFD0 Orientation inserted right after SOI.
    static func withEXIFOrientation(_ jpeg: [UInt8], _ orientation: Int, bigEndian: Bool = true) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        tiff += u16(2)  // two entries: ImageDescription first, so the parser has to skip one
        tiff += u16(0x010E) + u16(2) + u32(4) + [0x61, 0x62, 0x63, 0]
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let segment: [UInt8] = [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// The RGB value at (x, y).
    static func pixel(_ image: RGBImage, _ x: Int, _ y: Int) -> [Int] {
        let index = (y * image.width + x) * 3
        return image.pixels[index..<index + 3].map(Int.init)
    }

    /// True when each channel differs by at most `tolerance`.
    static func close(_ a: [Int], _ b: [Int], tolerance: Int) -> Bool {
        zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// Bytes of a committed fixture under Fixtures/Imaging.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Imaging/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }
}
