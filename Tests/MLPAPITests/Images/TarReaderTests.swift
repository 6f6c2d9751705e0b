import Foundation
import FuzzTestSupport
@testable import MLPAPI
import Testing

@Suite struct TarReaderTests {
    private static let modified = Date(timeIntervalSince1970: 1_700_000_000)

    private static func archive(_ files: [(String, [UInt8])]) throws -> [UInt8] {
        var out: [UInt8] = []
        var tar = TarWriter()
        try tar.directory("mlp-export/", modified: modified) { out += $0 }
        for (name, bytes) in files { try tar.file(name, bytes, modified: modified) { out += $0 } }
        try tar.finish { out += $0 }
        return out
    }

    private static func members(_ bytes: [UInt8], maxBytes: Int = 1 << 20) throws -> [TarReader.Member] {
        var reader = TarReader(bytes: bytes)
        var members: [TarReader.Member] = []
        while let member = try reader.next(maxBytes: maxBytes) { members.append(member) }
        return members
    }

    @Test func readsWhatTheWriterWroteAndPassesOverDirectories() throws {
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let files: [(String, [UInt8])] = [("mlp-export/a.jpg", Array("jpeg".utf8)), ("mlp-export/empty", []), ("mlp-export/big.bin", big)]
        let members = try Self.members(try Self.archive(files))
        #expect(members.map(\.name) == files.map(\.0))
        #expect(members.map(\.bytes) == files.map(\.1))
        #expect(members.map(\.size) == [4, 0, 300_000])
    }

    @Test func aMemberOverTheLimitComesWithoutItsBytesAndTheNextOneIsRead() throws {
        let members = try Self.members(
            try Self.archive([("big", [UInt8](repeating: 1, count: 2_000)), ("small", [1, 2, 3])]), maxBytes: 1_000
        )
        #expect(members == [.init(name: "big", size: 2_000, bytes: nil), .init(name: "small", size: 3, bytes: [1, 2, 3])])
    }

    @Test func anArchiveCutInsideAMemberOrWithABadHeaderIsRefused() throws {
        let whole = try Self.archive([("a", [UInt8](repeating: 9, count: 1_500)), ("b", [1])])
        #expect(throws: TarReader.Malformed.self) { try Self.members(Array(whole.prefix(512 + 512 + 700))) }
        // Cut between members: what is there is read (tar itself accepts that too).
        #expect(try Self.members(Array(whole.prefix(512 + 512 + 1_536))).map(\.name) == ["a"])
        var corrupt = whole
        corrupt[512 + 10] ^= 0x20  // a byte of the first file's name: the checksum no longer matches
        #expect(throws: TarReader.Malformed.self) { try Self.members(corrupt) }
        #expect(throws: TarReader.Malformed.self) { try Self.members(Array("not an archive at all".utf8) + [UInt8](repeating: 32, count: 600)) }
        #expect(try Self.members([]).isEmpty)
    }

    /// Archives that GNU tar writes, in its own format (long names as `L` records) and as pax (a `path` record).
    @Test(arguments: ["gnu", "pax", "ustar"])
    func readsGNUTarArchives(format: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-tar-read-\(UUID().uuidString)")
        let deep = "mlp-export/pictures/" + String(repeating: "a-long-folder-name/", count: format == "ustar" ? 2 : 6)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(deep), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let picture = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try Data(picture).write(to: directory.appendingPathComponent(deep + "12.jpg"))
        try Data("{\"title\":\"x\"}".utf8).write(to: directory.appendingPathComponent("mlp-export/pictures/12.json"))
        let archive = directory.appendingPathComponent("out.tar")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "--format=\(format)", "-C", directory.path, "-cf", archive.path, "mlp-export"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let members = try Self.members([UInt8](try Data(contentsOf: archive)))
        let names = Set(members.map(\.name))
        #expect(names == ["mlp-export/pictures/12.json", "mlp-export/pictures/\(deep.dropFirst("mlp-export/pictures/".count))12.jpg"])
        #expect(members.first { $0.name.hasSuffix("12.jpg") }?.bytes == picture)
        #expect((deep + "12.jpg").utf8.count > (format == "ustar" ? 0 : 100), "the long name needs the format's extension")
    }

    @Test("100 000 mutated archives: members or a Malformed error, never a crash or a hang", .timeLimit(.minutes(5)))
    func fuzz() throws {
        let base = try Self.archive([
            ("mlp-export/pictures/1.jpg", Array("\u{FF}\u{D8}\u{FF}picture".utf8)), ("mlp-export/pictures/1.json", Array("{\"title\":\"a\"}".utf8)),
            ("mlp-export/pictures/2.png", [UInt8](repeating: 0x89, count: 700)),
        ])
        let snippets: [[UInt8]] = [
            [0], [UInt8](repeating: 0, count: 512), Array("ustar\u{0}00".utf8), Array("77777777777".utf8), Array("0000644\u{0}".utf8),
            [0x80, 0xFF, 0xFF, 0xFF], Array("L".utf8), Array("x".utf8), Array("5".utf8), Array("30 path=a/b/c.jpg\n".utf8),
            Array(base.prefix(512)),
        ]
        let cases = ProcessInfo.processInfo.environment["MLP_FUZZ_CASES"].flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? 100_000
        var failures = FuzzFailures()
        var outcomes = (members: 0, refused: 0)
        for index in 0..<cases where !failures.tooMany {
            var fuzzer = TarFuzzCase(generator: SplitMix64(seed: 0x7A2 &* 0x1000_0000_01B3 ^ UInt64(index)))
            let input = fuzzer.mutate(base, maxDeletion: 600, maxDuplication: 1_100) { $0.pick(snippets)[...] }
            var reader = TarReader(bytes: input)
            var count = 0
            do {
                while let member = try reader.next(maxBytes: 1_000) {
                    count += 1
                    failures.check(member.bytes.map { $0.count == member.size } ?? (member.size > 1_000), "case \(index): bytes and size disagree")
                    failures.check(count <= input.count / 512 + 1, "case \(index): more members than blocks")
                    if count > input.count / 512 + 1 { break }
                }
                outcomes.members += 1
            } catch is TarReader.Malformed {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.members > 0 && outcomes.refused > 0, "\(outcomes)")
    }
}

private struct TarFuzzCase: FuzzCase {
    var generator: SplitMix64
}
