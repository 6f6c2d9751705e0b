import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// A ustar archive taken apart the way tar does, with every header's checksum checked.
struct TarMember: Equatable {
    var name: String
    /// "0" file, "5" directory.
    var type: Character
    var mode: Int
    var modified: Int
    var bytes: [UInt8]

    struct Malformed: Error, CustomStringConvertible { let description: String }

    static func members(of archive: [UInt8]) throws -> [TarMember] {
        guard archive.count % 512 == 0 else { throw Malformed(description: "\(archive.count) bytes is not whole blocks") }
        var members: [TarMember] = []
        var offset = 0
        while offset + 512 <= archive.count {
            let block = Array(archive[offset..<(offset + 512)])
            if block.allSatisfy({ $0 == 0 }) {
                guard archive[offset...].allSatisfy({ $0 == 0 }), archive.count - offset >= 1024 else {
                    throw Malformed(description: "no end of archive (two zero blocks) after the members")
                }
                return members
            }
            func field(_ range: Range<Int>) -> String {
                String(decoding: block[range].prefix { $0 != 0 }, as: UTF8.self)
            }
            func octal(_ range: Range<Int>) throws -> Int {
                let text = field(range).trimmingCharacters(in: .whitespaces)
                guard let value = Int(text, radix: 8) else { throw Malformed(description: "not octal: \(text)") }
                return value
            }
            var summed = block
            summed.replaceSubrange(148..<156, with: repeatElement(UInt8(ascii: " "), count: 8))
            guard try octal(148..<156) == summed.reduce(0, { $0 + Int($1) }) else { throw Malformed(description: "bad checksum") }
            guard field(257..<263) == "ustar", field(263..<265) == "00" else { throw Malformed(description: "not ustar") }
            let size = try octal(124..<136)
            let start = offset + 512
            guard start + size <= archive.count else { throw Malformed(description: "member runs past the end") }
            members.append(TarMember(
                name: field(0..<100), type: Character(UnicodeScalar(block[156])), mode: try octal(100..<108),
                modified: try octal(136..<148), bytes: Array(archive[start..<(start + size)])
            ))
            offset = start + size + (512 - size % 512) % 512
        }
        throw Malformed(description: "no end of archive")
    }
}

@Suite struct AccountExportTests {
    private func export(_ app: ImageTestApp, token: String) throws -> (response: Response, members: [TarMember]) {
        let response = app.send(.get, "/api/v1/users/me/export", token: token)
        let archive = try #require(response.stream, "\(response.status) \(response.text)").collected()
        return (response, try TarMember.members(of: archive))
    }

    private func json(_ member: TarMember?) throws -> [String: Any] {
        let bytes = try #require(member).bytes
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func theArchiveHoldsEveryPictureOfTheCallerAsUploadedWithItsFactsAndPredictions() throws {
        let app = ImageTestApp()
        let ann = try app.token("ann@example.com")
        let bob = try app.token("bob@example.com")
        let first = try #require(app.upload(FakePictures.jpeg("coffee"), title: "Morning coffee", token: ann).object["id"] as? Int)
        let gone = try #require(app.upload(FakePictures.jpeg("gone"), token: ann).object["id"] as? Int)
        let second = try #require(app.upload(FakePictures.png("cat"), token: ann).object["id"] as? Int)
        _ = app.upload(FakePictures.jpeg("bob's"), token: bob)
        #expect(app.send(.delete, "/api/v1/images/\(gone)", token: ann).status == .noContent)
        #expect(app.send(.post, "/api/v1/images/\(first)/classify?top_k=2", token: ann).status == .ok)
        #expect(app.send(.put, "/api/v1/images/\(first)/favourite", token: ann).status == .ok)
        for name in ["Kitchen", "Best of"] {
            let album = app.send(.post, "/api/v1/albums", body: Array(#"{"name":"\#(name)"}"#.utf8), contentType: "application/json", token: ann)
            let id = try #require(album.object["id"] as? Int)
            let body = Array(#"{"image_ids":[\#(first)]}"#.utf8)
            #expect(app.send(.post, "/api/v1/albums/\(id)/images", body: body, contentType: "application/json", token: ann).status == .ok)
        }

        let (response, members) = try export(app, token: ann)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/x-tar")
        #expect(response.headers["Content-Disposition"] == #"attachment; filename="mlp-export-2027-01-15.tar""#)
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(response.headers["Content-Length"] == nil, "a streamed body has no length up front")
        #expect(members.map(\.name) == [
            "mlp-export/", "mlp-export/README.txt", "mlp-export/account.json", "mlp-export/pictures/",
            "mlp-export/pictures/\(first).jpg", "mlp-export/pictures/\(first).json",
            "mlp-export/pictures/\(second).png", "mlp-export/pictures/\(second).json",
        ])
        #expect(members.map(\.type) == ["5", "0", "0", "5", "0", "0", "0", "0"])
        #expect(members.map(\.mode) == [0o755, 0o644, 0o644, 0o755, 0o644, 0o644, 0o644, 0o644])
        let byName = Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0) })
        #expect(byName["mlp-export/pictures/\(first).jpg"]?.bytes == FakePictures.jpeg("coffee"))
        #expect(byName["mlp-export/pictures/\(second).png"]?.bytes == FakePictures.png("cat"))
        #expect(byName["mlp-export/pictures/\(first).jpg"]?.modified == 1_800_000_000)

        let account = try json(byName["mlp-export/account.json"])
        #expect(account["username"] as? String == "ann@example.com")
        #expect(account["exported_at"] as? String == "2027-01-15T08:00:00.000Z")
        #expect(account["created_at"] as? String != nil && account["id"] as? Int != nil)

        let coffee = try json(byName["mlp-export/pictures/\(first).json"])
        #expect(coffee["id"] as? Int == first)
        #expect(coffee["file"] as? String == "\(first).jpg")
        #expect(coffee["title"] as? String == "Morning coffee")
        #expect(coffee["albums"] as? [String] == ["Best of", "Kitchen"], "by name")
        #expect(coffee["favourite"] as? Bool == true)
        #expect(coffee["content_type"] as? String == "image/jpeg")
        #expect(coffee["byte_size"] as? Int == FakePictures.jpeg("coffee").count)
        #expect(coffee["width"] as? Int == 640 && coffee["height"] as? Int == 480)
        #expect(coffee["sha256"] as? String == FakeDigester().sha256Hex(FakePictures.jpeg("coffee")))
        // The re-classification's 2 current predictions first, then the 5 of the upload as history.
        let predictions = try #require(coffee["predictions"] as? [[String: Any]])
        #expect(predictions.map { $0["current"] as? Bool } == [true, true, false, false, false, false, false])
        #expect(predictions.map { $0["rank"] as? Int } == [1, 2, 1, 2, 3, 4, 5])
        #expect(predictions.first?["model"] as? String == FakeClassifier.model.name)
        #expect(predictions.first?["label"] as? String != nil && predictions.first?["score"] as? Double != nil)
        #expect(predictions.first?["model_version"] as? String == FakeClassifier.model.version)
        #expect(predictions.first?["class_index"] as? Int != nil && predictions.first?["created_at"] as? String != nil)

        let cat = try json(byName["mlp-export/pictures/\(second).json"])
        #expect(cat["title"] is NSNull, "an untitled picture says so")
        #expect(cat["albums"] as? [String] == [], "in no album")
        #expect(cat["favourite"] as? Bool == false)
        #expect(cat["cover_of"] as? [String] == [] && coffee["cover_of"] as? [String] == [], "no cover was chosen")
        #expect(cat["file"] as? String == "\(second).png")

        // Bob's archive has only his picture.
        let bobs = try export(app, token: bob).members.filter { $0.name.hasSuffix(".jpg") || $0.name.hasSuffix(".png") }
        #expect(bobs.map(\.bytes) == [FakePictures.jpeg("bob's")])
    }

    @Test func anAccountWithoutPicturesGetsTheAccountAndAnEmptyFolder() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        let members = try export(app, token: token).members
        #expect(members.map(\.name) == ["mlp-export/", "mlp-export/README.txt", "mlp-export/account.json", "mlp-export/pictures/"])
    }

    @Test func theExportNeedsALoginAndHEADSendsNoArchive() throws {
        let app = ImageTestApp()
        let anonymous = app.send(.get, "/api/v1/users/me/export")
        #expect(anonymous.status == .unauthorized)
        #expect(anonymous.stream == nil)
        let token = try app.token("ann@example.com")
        let head = app.send(.head, "/api/v1/users/me/export", token: token)
        #expect(head.status == .ok)
        #expect(head.stream == nil && head.bodyCount == 0)
        #expect(head.headers["Content-Type"] == "application/x-tar")
    }

    @Test func exportsBeyondTheLimitAre503UntilARunningOneEndsOrIsDropped() throws {
        let app = ImageTestApp(maxConcurrentExports: 1)
        let token = try app.token("ann@example.com")
        _ = app.upload(FakePictures.jpeg("coffee"), token: token)
        var running: Response? = app.send(.get, "/api/v1/users/me/export", token: token)
        #expect(running?.status == .ok)
        let refused = app.send(.get, "/api/v1/users/me/export", token: token)
        #expect(refused.status == .serviceUnavailable)
        #expect(refused.headers["Content-Type"] == "application/problem+json")
        #expect(refused.headers["Retry-After"] == "30")
        #expect(refused.object["detail"] as? String == "Too many exports are running right now; try again in a minute.")
        // Written to the end and let go: the slot is free again.
        _ = try running?.stream?.collected()
        running = nil
        var next: Response? = app.send(.get, "/api/v1/users/me/export", token: token)
        #expect(next?.status == .ok)
        // Dropped without being written (the client went away before the body): the slot is free too.
        next = nil
        #expect(app.send(.get, "/api/v1/users/me/export", token: token).status == .ok)
    }

    @Test func aSinkThatFailsStopsTheArchive() throws {
        struct ClientGone: Error {}
        let app = ImageTestApp(maxConcurrentExports: 1)
        let token = try app.token("ann@example.com")
        for index in 0..<3 { _ = app.upload(FakePictures.jpeg("coffee-\(index)"), token: token) }
        var chunks = 0
        do {
            let response = app.send(.get, "/api/v1/users/me/export", token: token)
            #expect(throws: ClientGone.self) {
                try response.stream?.write { _ in
                    chunks += 1
                    throw ClientGone()
                }
            }
        }
        #expect(chunks == 1)
        #expect(app.send(.get, "/api/v1/users/me/export", token: token).status == .ok, "the failed export gave its slot back")
    }
}

@Suite struct TarWriterTests {
    @Test func headersCarryNameSizeModeTimeAndAValidChecksum() throws {
        let header = try TarWriter.header(
            name: "mlp-export/pictures/12.jpg", size: 70_000, modified: Date(timeIntervalSince1970: 1_800_000_000),
            type: UInt8(ascii: "0"), mode: 0o644
        )
        #expect(header.count == 512)
        #expect(String(decoding: header[0..<26], as: UTF8.self) == "mlp-export/pictures/12.jpg")
        #expect(String(decoding: header[100..<108], as: UTF8.self) == "0000644\0")
        #expect(String(decoding: header[124..<136], as: UTF8.self) == "00000210560\0")  // 70 000 in octal
        #expect(String(decoding: header[136..<148], as: UTF8.self) == "15322351000\0")  // 1 800 000 000 in octal
        #expect(String(decoding: header[257..<265], as: UTF8.self) == "ustar\000")
        var summed = header
        summed.replaceSubrange(148..<156, with: repeatElement(UInt8(ascii: " "), count: 8))
        let stored = String(decoding: header[148..<154], as: UTF8.self)
        #expect(Int(stored, radix: 8) == summed.reduce(0) { $0 + Int($1) })
        #expect(header[154] == 0 && header[155] == UInt8(ascii: " "))
    }

    @Test func namesThatUstarCannotHoldAreRefused() {
        #expect(throws: TarWriter.NameTooLong.self) {
            try TarWriter.header(name: String(repeating: "a", count: 101), size: 0, modified: Date(), type: 48, mode: 0o644)
        }
        #expect(throws: TarWriter.NameTooLong.self) {
            try TarWriter.header(name: "café.jpg", size: 0, modified: Date(), type: 48, mode: 0o644)
        }
        #expect(throws: TarWriter.NameTooLong.self) {
            try TarWriter.header(name: "a.jpg", size: TarWriter.maxMemberBytes + 1, modified: Date(), type: 48, mode: 0o644)
        }
    }

    @Test func smallPiecesAreGatheredAndALargeFileIsHandedOverWhole() throws {
        var chunks: [[UInt8]] = []
        var tar = TarWriter()
        let large = [UInt8](repeating: 7, count: TarWriter.flushBytes + 1)
        try tar.file("a.txt", Array("hello".utf8), modified: Date(timeIntervalSince1970: 0)) { chunks.append($0) }
        #expect(chunks.isEmpty, "small members wait to be sent together")
        try tar.file("big.bin", large, modified: Date(timeIntervalSince1970: 0)) { chunks.append($0) }
        try tar.finish { chunks.append($0) }
        #expect(chunks.count == 3)
        #expect(chunks[0].count == 512 + 512 + 512, "a.txt's header and padded data, then big.bin's header")
        #expect(chunks[1] == large)
        #expect(chunks[2].count == 511 + 1024, "big.bin's padding and the end of the archive")
        let members = try TarMember.members(of: Array(chunks.joined()))
        #expect(members.map(\.name) == ["a.txt", "big.bin"])
        #expect(members[0].bytes == Array("hello".utf8) && members[1].bytes == large)
    }

    /// GNU tar, as a user would run it, lists and extracts what the writer wrote.
    @Test func gnuTarExtractsTheArchive() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var archive: [UInt8] = []
        var tar = TarWriter()
        let picture = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let modified = Date(timeIntervalSince1970: 1_700_000_000)  // in the past: tar warns about times to come
        try tar.directory("mlp-export/", modified: modified) { archive += $0 }
        try tar.file("mlp-export/1.jpg", picture, modified: modified) { archive += $0 }
        try tar.file("mlp-export/1.json", Array("{}\n".utf8), modified: modified) { archive += $0 }
        try tar.finish { archive += $0 }
        let file = directory.appendingPathComponent("export.tar")
        try Data(archive).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-x", "-f", file.path, "-C", directory.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(complaints.isEmpty, "\(complaints)")
        let extracted = directory.appendingPathComponent("mlp-export")
        #expect(try Data(contentsOf: extracted.appendingPathComponent("1.jpg")) == Data(picture))
        #expect(try String(contentsOf: extracted.appendingPathComponent("1.json"), encoding: .utf8) == "{}\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: extracted.appendingPathComponent("1.jpg").path)
        #expect((attributes[.modificationDate] as? Date) == modified)
    }
}
