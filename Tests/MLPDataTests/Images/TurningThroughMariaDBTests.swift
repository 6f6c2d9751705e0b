import Foundation
import MLPData
import Synchronization
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// Turning a picture on MariaDB (migration 16): stored as a replacement in one transaction, and the file as it
/// was uploaded still found by its digest until the picture is replaced (``StubProcessor`` appends " turned N").
@Suite final class TurningThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws {
        fixture = try ImageDatabaseFixture()
    }

    private func listed(sha256: String) throws -> [Int64] {
        try ListImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, sha256: sha256).items.map(\.image.id)
    }

    private func withDigest(_ sha256: String) throws -> [Int64] {
        try fixture.unitOfWork.read { try $0.images.withDigests([sha256], userID: fixture.userID, limit: 10) }.map(\.image.id)
    }

    @Test func theUploadedFileIsFoundByItsDigestThroughTurnsUntilAReplacement() throws {
        let id = try fixture.upload("coffee").details.image.id
        let other = try fixture.upload("coffee", user: fixture.otherUserID).details.image.id
        let uploaded = OpenSSLContentDigester().sha256Hex(ImageDatabaseFixture.picture("coffee"))
        let turned = try fixture.updater.turn(userID: fixture.userID, imageID: id, degrees: 90)
        #expect(turned.image.sha256 == OpenSSLContentDigester().sha256Hex(ImageDatabaseFixture.picture("coffee") + Array(" turned 1".utf8)))
        #expect(turned.historyCount == 5 && turned.predictions.count == 5)
        _ = try fixture.updater.turn(userID: fixture.userID, imageID: id, degrees: -180)
        #expect(try fixture.rows.count("images", where: "id = \(id) AND uploaded_sha256 = '\(uploaded)'") == 1, "the first upload's, kept")
        #expect(try listed(sha256: uploaded) == [id] && withDigest(uploaded) == [id])
        let stored = try #require(try fixture.unitOfWork.read { try $0.images.find(id: id, userID: fixture.userID) })
        #expect(try listed(sha256: stored.sha256) == [id])
        #expect(try fixture.rows.count("images", where: "id = \(other) AND uploaded_sha256 IS NULL") == 1, "another account's copy is its own")
        // Stored bytes and the account's storage follow the turned file.
        #expect(try fixture.rows.count("users", where: "id = \(fixture.userID) AND stored_bytes = \(stored.byteSize)") == 1)
        try fixture.replace(id, with: "tea")
        #expect(try listed(sha256: uploaded).isEmpty && withDigest(uploaded).isEmpty)
        #expect(try fixture.rows.count("images", where: "id = \(id) AND uploaded_sha256 IS NULL") == 1)
    }

    @Test func turnsAtOnceAreEachAppliedOrRefusedNeverLost() throws {
        let id = try fixture.upload("coffee").details.image.id
        let (updater, userID) = (fixture.updater, fixture.userID)
        // Each turn answers the turned picture or a conflict; anything else is a failure.
        let results = Mutex<(turned: Int, conflicts: Int, failures: [String])>((0, 0, []))
        for _ in 0..<6 {
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    _ = try updater.turn(userID: userID, imageID: id, degrees: 90)
                    results.withLock { $0.turned += 1 }
                } catch let error as DomainError where error.code == .conflict {
                    results.withLock { $0.conflicts += 1 }
                } catch {
                    results.withLock { $0.failures.append("\(error)") }
                }
            }
        }
        let (succeeded, failures) = results.withLock { ($0.turned, $0.failures) }
        #expect(failures.isEmpty)
        let content = try #require(try fixture.unitOfWork.read { try $0.images.content(id: id, userID: fixture.userID, variant: .original) })
        let text = String(decoding: content.bytes, as: UTF8.self)
        #expect(succeeded >= 6, "at least one of each pair")
        #expect(text.components(separatedBy: " turned 1").count - 1 == succeeded, "every turn that answered is in the file")
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id)") == 5 * (succeeded + 1))
    }

    @Test func aPictureReplacedWhileItWasTurnedIsAConflictAndNothingChanges() throws {
        let id = try fixture.upload("coffee").details.image.id
        // As if another request replaced the picture after the turn read it: the stored digest is not the one read.
        let racing = RacingUnitOfWork(base: fixture.unitOfWork) { [connection = fixture.connection] in
            try connection.execute("UPDATE images SET sha256 = REPEAT('0', 64) WHERE id = \(id)")
        }
        let update = UpdateImageUseCase(unitOfWork: racing, classifier: StubClassifier(), processor: StubProcessor(), digester: OpenSSLContentDigester())
        #expect(throws: DomainError(.conflict, "The picture was replaced meanwhile. Nothing was changed; try again.")) {
            _ = try update.turn(userID: fixture.userID, imageID: id, degrees: 90)
        }
        #expect(try fixture.rows.count("images", where: "id = \(id) AND sha256 = REPEAT('0', 64) AND uploaded_sha256 IS NULL") == 1)
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id) AND is_current = FALSE") == 0)
    }
}

/// The MariaDB unit of work, with `afterFirstRead` run once right after the first read returns: what another request
/// changes between a use case's read and its transaction.
final class RacingUnitOfWork: UnitOfWork, @unchecked Sendable {
    let base: MariaDBUnitOfWork
    let afterFirstRead: () throws -> Void
    private var reads = 0

    init(base: MariaDBUnitOfWork, afterFirstRead: @escaping () throws -> Void) {
        self.base = base
        self.afterFirstRead = afterFirstRead
    }

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T { try base.transaction(body) }

    func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        let result = try base.read(body)
        reads += 1
        if reads == 1 { try afterFirstRead() }
        return result
    }
}
