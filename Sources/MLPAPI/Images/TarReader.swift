import Foundation

/// Reads a tar archive member by member from a source of bytes, holding one member at a time: POSIX ustar (as
/// ``TarWriter`` writes it), and the GNU and pax archives other tools write — a GNU long name (`L`) or a pax
/// `path` applies to the member after it; other pax and GNU extension records, links, devices and directories
/// are passed over. Every header's checksum is checked. An archive that ends inside a member, or a header that
/// is not one, is an error; an archive that simply stops between members ends there.
public struct TarReader {
    /// One regular file of the archive.
    public struct Member: Equatable {
        public let name: String
        public let size: Int
        /// The file's bytes; nil when it is larger than the `maxBytes` the reader was asked for (its bytes were
        /// read past, so the next member can still be read).
        public let bytes: [UInt8]?
    }

    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Longest name taken from a GNU long-name record or a pax header.
    static let maxNameBytes = 4096
    /// Largest pax extended header read for its `path`.
    static let maxPaxBytes = 64 << 10

    private let read: (Int) throws -> [UInt8]
    private var offset = 0
    private var ended = false

    /// `read(n)` returns up to `n` bytes, fewer only at the end of the source (an empty array there).
    public init(read: @escaping (Int) throws -> [UInt8]) {
        self.read = read
    }

    /// Reads from an array (tests, small archives).
    public init(bytes: [UInt8]) {
        var position = 0
        self.init { count in
            let end = min(bytes.count, position + count)
            defer { position = end }
            return Array(bytes[position..<end])
        }
    }

    /// The next regular file, or nil at the end of the archive. Files over `maxBytes` come without their bytes.
    public mutating func next(maxBytes: Int) throws -> Member? {
        var longName: String?
        while !ended {
            let header = try exactly(512, allowEnd: true)
            guard header.count == 512 else {
                ended = true
                return nil
            }
            if header.allSatisfy({ $0 == 0 }) {
                ended = true
                return nil
            }
            try Self.checkChecksum(header, at: offset - 512)
            let size = try Self.size(header, at: offset - 512)
            let type = header[156]
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):  // regular file (0, old NUL, contiguous 7)
                let name = longName ?? Self.name(header)
                let bytes: [UInt8]? = size <= maxBytes ? try exactly(size) : nil
                if bytes == nil { try skip(size) }
                try skip(TarWriter.padding(size))
                return Member(name: name, size: size, bytes: bytes)
            case UInt8(ascii: "L"):  // GNU: the next member's long name
                let data = try take(size, max: Self.maxNameBytes)
                longName = data.map { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            case UInt8(ascii: "x"):  // pax: records for the next member; only `path` is used
                let data = try take(size, max: Self.maxPaxBytes)
                if let path = data.flatMap(Self.paxPath) { longName = path }
            default:  // directories, links, devices, global pax headers, other extensions
                try skip(size + TarWriter.padding(size))
                longName = nil
            }
        }
        return nil
    }

    /// `size` bytes and their padding; the bytes only when there are at most `max` of them.
    private mutating func take(_ size: Int, max: Int) throws -> [UInt8]? {
        let data: [UInt8]? = size <= max ? try exactly(size) : nil
        if data == nil { try skip(size) }
        try skip(TarWriter.padding(size))
        return data
    }

    private mutating func exactly(_ count: Int, allowEnd: Bool = false) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let chunk = try read(min(count - out.count, 1 << 20))
            if chunk.isEmpty {
                if allowEnd && out.isEmpty { return [] }
                throw Malformed(description: "the archive ends inside a member (byte \(offset + out.count))")
            }
            out += chunk
        }
        offset += count
        return out
    }

    private mutating func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            let chunk = try read(min(left, 1 << 20))
            guard !chunk.isEmpty else { throw Malformed(description: "the archive ends inside a member (byte \(offset))") }
            left -= chunk.count
            offset += chunk.count
        }
    }

    static func checkChecksum(_ header: [UInt8], at position: Int) throws {
        var unsigned = 0, signed = 0
        for (index, byte) in header.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        guard let stored = octal(header[148..<156]), stored == unsigned || stored == signed else {
            throw Malformed(description: "not a tar header at byte \(position) (bad checksum)")
        }
    }

    /// The size field: octal digits, or GNU's base-256 form for large files.
    static func size(_ header: [UInt8], at position: Int) throws -> Int {
        let field = header[124..<136]
        if let first = field.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for byte in field.dropFirst() {
                guard value < (Int.max >> 8) else { throw Malformed(description: "member size out of range at byte \(position)") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        guard let value = octal(field) else { throw Malformed(description: "bad member size at byte \(position)") }
        return value
    }

    /// An octal number padded with spaces or NULs; nil when it holds anything else or is out of range.
    static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        var value = 0, digits = 0
        for byte in field {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value < (Int.max >> 3) else { return nil }
                value = value * 8 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case 0, UInt8(ascii: " "):
                if digits > 0 { return value }
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }

    /// `prefix/name` of a ustar header (the name alone in older formats).
    static func name(_ header: [UInt8]) -> String {
        func text(_ range: Range<Int>) -> String {
            String(decoding: header[range].prefix { $0 != 0 }, as: UTF8.self)
        }
        let name = text(0..<100)
        let isUstar = header[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? text(345..<500) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The `path` record of a pax extended header (`<length> path=<value>\n` records).
    static func paxPath(_ data: [UInt8]) -> String? {
        var rest = data[...]
        while let space = rest.firstIndex(of: UInt8(ascii: " ")) {
            guard let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)),
                length > space - rest.startIndex + 1, rest.startIndex + length <= rest.endIndex
            else { return nil }
            let record = rest[(space + 1)..<(rest.startIndex + length)].dropLast()  // without the newline
            if let equals = record.firstIndex(of: UInt8(ascii: "=")),
                String(decoding: record[record.startIndex..<equals], as: UTF8.self) == "path"
            {
                return String(decoding: record[(equals + 1)...], as: UTF8.self)
            }
            rest = rest[(rest.startIndex + length)...]
        }
        return nil
    }
}
