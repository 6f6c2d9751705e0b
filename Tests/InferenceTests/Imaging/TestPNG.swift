@testable import Inference

/// Minimal PNG writer for tests: any colour type and bit depth, optional Adam7 interlacing, extra chunks.
/// Image data is stored uncompressed (zlib "stored" blocks), so no zlib is needed.
struct TestPNG {
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6

        var channels: Int {
            switch self {
            case .gray, .palette: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    var width: Int
    var height: Int
    var colorType: ColorType
    var bitDepth: Int = 8
    var interlaced = false
    /// One value per channel per pixel, row-major; each must fit in `bitDepth` bits.
    var samples: [Int]
    /// Chunks written between IHDR and IDAT, e.g. ("PLTE", bytes), ("tRNS", bytes), ("zTXt", bytes).
    var chunks: [(type: String, data: [UInt8])] = []

    func encoded() -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        out += Self.chunk("IHDR", header)
        for extra in chunks { out += Self.chunk(extra.type, extra.data) }
        out += Self.chunk("IDAT", Self.zlibStored(scanlines()))
        out += Self.chunk("IEND", [])
        return out
    }

    /// Filter type 0 scanlines, for the whole image or for each non-empty Adam7 pass.
    private func scanlines() -> [UInt8] {
        let passes: [(x: Int, y: Int, dx: Int, dy: Int)] =
            interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var data: [UInt8] = []
        for pass in passes {
            let columns = Array(stride(from: pass.x, to: width, by: pass.dx))
            let rows = Array(stride(from: pass.y, to: height, by: pass.dy))
            guard !columns.isEmpty, !rows.isEmpty else { continue }
            for row in rows {
                data.append(0)
                var values: [Int] = []
                for column in columns {
                    let first = (row * width + column) * colorType.channels
                    values += samples[first..<first + colorType.channels]
                }
                data += pack(values)
            }
        }
        return data
    }

    private func pack(_ values: [Int]) -> [UInt8] {
        switch bitDepth {
        case 16:
            return values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8:
            return values.map { UInt8($0) }
        default:
            var bytes: [UInt8] = []
            var current = 0, used = 0
            for value in values {
                current = current << bitDepth | value
                used += bitDepth
                if used == 8 {
                    bytes.append(UInt8(current))
                    current = 0
                    used = 0
                }
            }
            if used > 0 { bytes.append(UInt8(current << (8 - used))) }
            return bytes
        }
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(crc32(typeAndData))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 { CRC32.checksum(bytes) }

    /// A zlib stream of stored (uncompressed) deflate blocks with its Adler-32 trailer.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }
}
