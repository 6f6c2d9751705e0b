import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// When pictures were taken, on MariaDB (migration 13): stored at upload and replacement, read back in every
/// shape of a picture, and read from the files of pictures stored before (`mlp images read-dates`).
@Suite final class CaptureTimesThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws {
        fixture = try ImageDatabaseFixture()
    }

    private func takenAt(_ id: Int64) throws -> String? {
        try GetImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: id).image.takenAt?.iso8601
    }

    @Test func theTimeIsStoredAtUploadAndReplacementAndReadInEveryShape() throws {
        let zoned = try fixture.upload("taken 2026:03:12 14:03:22 +01:00").details.image
        #expect(zoned.takenAt?.iso8601 == "2026-03-12T14:03:22+01:00")
        #expect(try takenAt(zoned.id) == "2026-03-12T14:03:22+01:00")
        let plain = try fixture.upload("no time").details.image.id
        #expect(try takenAt(plain) == nil)
        let listed = try ListImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID).items
        #expect(listed.map { $0.image.takenAt?.iso8601 } == [nil, "2026-03-12T14:03:22+01:00"])
        // A replacement takes the new file's time, or none.
        try fixture.replace(plain, with: "taken 1999:12:31 23:59:59")
        #expect(try takenAt(plain) == "1999-12-31T23:59:59")
        try fixture.replace(zoned.id, with: "no time any more")
        #expect(try takenAt(zoned.id) == nil)
    }

    @Test func picturesStoredBeforeGetTheirTimeFromTheirFilesOnce() throws {
        let old = try fixture.upload("taken 2025:07:01 08:30:00 -04:00").details.image.id
        let undated = try fixture.upload("no time").details.image.id
        let deleted = try fixture.upload("taken 2025:07:02 08:30:00").details.image.id
        let kept = try fixture.upload("taken 2025:07:03 08:30:00").details.image.id
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        // As if stored before migration 13; `kept` has a time another way, which a run must not change.
        try fixture.connection.execute("UPDATE images SET taken_at = NULL, taken_offset = NULL WHERE id IN (\(old), \(deleted))")
        try fixture.connection.execute("UPDATE images SET taken_at = '2020-01-01 00:00:00' WHERE id = \(kept)")
        var progress: [Int] = []
        let run = ReadCaptureTimesUseCase(unitOfWork: fixture.unitOfWork, processor: StubProcessor())
        #expect(try run.execute { progress.append($0) } == .init(checked: 2, dated: 1))
        #expect(progress == [2])
        #expect(try takenAt(old) == "2025-07-01T08:30:00-04:00" && takenAt(undated) == nil)
        #expect(try takenAt(kept) == "2020-01-01T00:00:00")
        #expect(try fixture.rows.count("images", where: "id = \(deleted) AND taken_at IS NULL") == 1, "a deleted picture has no file to read")
        // Again: only the picture whose file says nothing is read.
        #expect(try run.execute() == .init(checked: 1, dated: 0))
    }
}
