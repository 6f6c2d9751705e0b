import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// When pictures were taken, on MariaDB (migrations 13 and 14): stored at upload and replacement, read back in every
/// shape of a picture, read from the files of pictures stored before (`mlp images read-dates`), and the gallery's
/// order by the time taken.
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
        // A PNG's file is read too (its eXIf chunk).
        try fixture.connection.execute("UPDATE images SET content_type = 'image/png' WHERE id = \(old)")
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

    @Test func theOrderByTheTimeTakenPagesThroughEveryPictureOnceWithUndatedOnesAtTheirUpload() throws {
        let early = try fixture.upload("a taken 2025:07:01 08:30:00").details.image.id
        let undated = try fixture.upload("b no time").details.image.id
        let sameTime = try fixture.upload("c taken 2025:07:01 08:30:00 +02:00").details.image.id
        let newYear = try fixture.upload("d taken 2026:01:01 00:00:00").details.image.id
        let deleted = try fixture.upload("e taken 2025:12:31 12:00:00").details.image.id
        _ = try fixture.upload("f taken 2025:09:01 12:00:00", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        // The picture without a time counts at its upload (today), after every taken one; equal times: the later upload first.
        let expected = [undated, newYear, sameTime, early]
        #expect(try list.execute(userID: fixture.userID, order: .taken).items.map(\.image.id) == expected)
        #expect(try list.execute(userID: fixture.userID).items.map(\.image.id) == [newYear, sameTime, undated, early])
        for limit in 1...3 {
            let seen = try ListImagesUseCase.Page.allIDs { try list.execute(userID: fixture.userID, limit: limit, order: .taken, after: $0) }
            #expect(seen == expected, "pages of \(limit)")
        }
        // Filters keep the order.
        #expect(try list.execute(userID: fixture.userID, order: .taken, text: "taken").items.map(\.image.id) == [newYear, sameTime, early])
        // Days taken, both included; in either order.
        #expect(try list.execute(userID: fixture.userID, order: .taken, from: "2025-07-01", to: "2025-07-01").items.map(\.image.id) == [sameTime, early])
        #expect(try list.execute(userID: fixture.userID, from: "2025-07-02", to: "2026-01-01").items.map(\.image.id) == [newYear])
        // A day of the year, in any year; a deleted picture's day keeps nothing.
        #expect(try list.execute(userID: fixture.userID, order: .taken, on: "07-01").items.map(\.image.id) == [sameTime, early])
        #expect(try list.execute(userID: fixture.userID, on: "01-01").items.map(\.image.id) == [newYear])
        #expect(try list.execute(userID: fixture.userID, on: "12-31").items.isEmpty)
        #expect(try list.execute(userID: fixture.userID, on: "09-01").items.isEmpty, "another account's picture")
        // Days by upload: the range of days, newest upload first, page by page (not the order of the days).
        for limit in 1...2 {
            let seen = try ListImagesUseCase.Page.allIDs {
                try list.execute(userID: self.fixture.userID, limit: limit, after: $0, from: "2025-01-01", to: "2026-01-01")
            }
            #expect(seen == [newYear, sameTime, early], "pages of \(limit)")
        }
        #expect(try list.execute(userID: fixture.userID, order: .taken, to: "2025-12-31").items.map(\.image.id) == [sameTime, early])
        // A time set later (read from the file, or by hand as here) moves the picture.
        try fixture.connection.execute("UPDATE images SET taken_at = '2025-08-01 00:00:00' WHERE id = \(undated)")
        #expect(try list.execute(userID: fixture.userID, order: .taken).items.map(\.image.id) == [newYear, undated, sameTime, early])
        // A position of the order by upload means nothing here.
        let missing = #expect(throws: DomainError.self) {
            try list.execute(userID: self.fixture.userID, order: .taken, after: ImageListPosition(id: newYear))
        }
        #expect(missing?.fieldErrors.map(\.field) == ["cursor"])
        // The pictures beside one follow the same order.
        let beside = { (id: Int64) in try list.neighbours(userID: self.fixture.userID, imageID: id, order: .taken) }
        #expect(try beside(newYear) == PictureNeighbours(newer: nil, older: undated))
        #expect(try beside(sameTime) == PictureNeighbours(newer: undated, older: early))
        #expect(try beside(early) == PictureNeighbours(newer: sameTime, older: nil))
        #expect(try list.neighbours(userID: fixture.userID, imageID: sameTime) == PictureNeighbours(newer: newYear, older: undated))
        // MariaDB reads the list as a range of images_user_timeline, without sorting.
        let plan = try fixture.connection.query("""
            EXPLAIN SELECT id FROM images WHERE user_id = \(fixture.userID) AND is_deleted = FALSE
            ORDER BY timeline_at DESC, id DESC LIMIT 20
            """)
        #expect(try plan.first?.decode(String?.self, "key") == "images_user_timeline")
        #expect(try plan.first?.decode(String?.self, "Extra")?.contains("filesort") == false)
    }
}
