import Foundation
@testable import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// The statement behind a page of pictures on MariaDB: which index it reads.
@Suite final class ImageListThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let list: ListImagesUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
    }

    /// An account's pages are read from its own range of an index, in the list's order, even beside a larger account
    /// whose pictures are newer (MariaDB walked the primary key through the other account's rows before).
    @Test func aPageIsReadFromTheAccountsOwnRangeInTheListsOrder() throws {
        let mine = try (0..<3).map { try fixture.upload("mine \($0)").details.image.id }
        for index in 0..<40 { _ = try fixture.upload("theirs \(index)", user: fixture.otherUserID) }
        try fixture.connection.execute("ANALYZE TABLE images")
        #expect(try index(ImageListQuery(limit: 2)) == "images_user_active")
        #expect(try index(ImageListQuery(after: ImageListPosition(id: mine[2]), limit: 2, text: "mine")) == "images_user_active")
        #expect(try index(ImageListQuery(order: .taken, limit: 2, label: LabelFilter("espresso"))) == "images_user_timeline")
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 2, favourite: true)) == nil, "its own index finds the favourites")
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 2, sha256: String(repeating: "a", count: 64))) == nil)
        #expect(try ListImagesUseCase.Page.allIDs {
            try self.list.execute(userID: self.fixture.userID, limit: 2, after: $0)
        } == mine.reversed())
    }

    /// A range of days in the order by upload: the account's range of those days in images_user_timeline, its ids
    /// sorted, beside another account whose pictures are newer. Left to itself, MariaDB walked the primary key down
    /// from the newest picture of all, as it did for the first page.
    @Test func aRangeOfDaysByUploadIsReadFromTheAccountsRangeOfThoseDays() throws {
        // 1 500 pictures each, one a minute from 2025-01-01 (about a day), the other account's all later.
        try fixture.connection.execute("""
            INSERT INTO images (user_id, content_type, byte_size, width, height, sha256, created_at, updated_at, data, thumbnail)
            SELECT IF(seq <= 1500, \(fixture.userID), \(fixture.otherUserID)), 'image/jpeg', 1, 1, 1, SHA2(seq, 256),
                   TIMESTAMP'2025-01-01 00:00:00' + INTERVAL seq MINUTE, NOW(6), 'x', 't'
            FROM seq_1_to_3000
            """)
        try fixture.connection.execute("ANALYZE TABLE images")
        let mine = try fixture.connection.query("SELECT id FROM images WHERE user_id = \(fixture.userID) ORDER BY id")
            .map { try $0.decode(Int64.self, "id") }
        let day = try #require(ISO8601DateFormatter().date(from: "2025-01-01T00:00:00Z"))
        #expect(try index(ImageListQuery(limit: 21, timelineFrom: day, timelineBefore: day + 86_400)) == "images_user_timeline")
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 21, timelineFrom: day, favourite: true)) == nil)
        // A digest (what mlp-sync asks): the rows of that file as stored or, for a turned picture, as uploaded, found
        // through both indexes at once (migrations 7 and 16) and not by walking the account's pictures.
        let digest = try #require(try fixture.connection.query("SELECT SHA2(7, 256) AS d").first?.decode(String.self, "d"))
        #expect(try index(ImageListQuery(limit: 21, sha256: digest)) == "images_user_sha256,images_user_uploaded_sha256")
        // Read with a statement prepared for the call: a cached one read the rows instead of the index when run again.
        #expect(MariaDBImageRepository.readsTimesFromTheIndex(ImageListQuery(limit: 21, timelineFrom: day)))
        #expect(!MariaDBImageRepository.readsTimesFromTheIndex(ImageListQuery(order: .taken, limit: 21, timelineFrom: day)))
        #expect(!MariaDBImageRepository.readsTimesFromTheIndex(ImageListQuery(limit: 21)))
        // The day's pictures, newest upload first, page by page.
        let firstDay = try ListImagesUseCase.Page.allIDs {
            try self.list.execute(userID: self.fixture.userID, limit: 100, after: $0, from: "2025-01-01", to: "2025-01-01")
        }
        #expect(firstDay == Array(mine[0..<1439].reversed()), "00:01 to 23:59")
        // The same pictures as a day of the year: each entry's time tested in the index, in either order.
        #expect(try index(ImageListQuery(limit: 21, dayOfYear: DayOfYear("01-01"))) == "images_user_timeline")
        #expect(MariaDBImageRepository.readsTimesFromTheIndex(ImageListQuery(order: .taken, limit: 21, dayOfYear: DayOfYear("01-01"))))
        for order in ImageOrder.allCases {
            let onThatDay = try ListImagesUseCase.Page.allIDs {
                try self.list.execute(userID: self.fixture.userID, limit: 100, order: order, after: $0, on: "01-01")
            }
            #expect(onThatDay == firstDay, "\(order)")
        }
    }

    /// The index MariaDB reads a page of `query` through, with the plan's other half checked: the page's ids are
    /// chosen in the derived table and its rows then read by their primary key.
    private func index(_ query: ImageListQuery) throws -> String? {
        let statement = MariaDBImageRepository.listStatement(userID: fixture.userID, query)
        let plan = try fixture.connection.query(SQLQuery(unsafeSQL: "EXPLAIN " + statement.sql, binds: statement.binds))
        func table(_ derived: Bool) throws -> Row? {
            try plan.first { try $0.decode(String?.self, "table") == "i" && ($0.decode(String.self, "select_type") == "DERIVED") == derived }
        }
        #expect(try table(false)?.decode(String?.self, "key") == "PRIMARY")
        return try table(true)?.decode(String?.self, "key")
    }

    /// `max_score` compares the current top label's score: earlier classifications and lower ranks do not count,
    /// and a picture without a current classification is not listed.
    @Test func theUnsurePicturesAreThoseWhoseCurrentTopLabelScoresAtMostTheLimit() throws {
        let ids = try (0..<4).map { try fixture.upload("picture \($0)").details.image.id }
        // The stub model gives every top label 0.5 and the second 0.25.
        try fixture.connection.execute("UPDATE predictions SET score = 0.2 WHERE image_id = \(ids[1]) AND `rank` = 1")
        try fixture.connection.execute("UPDATE predictions SET score = 0.3 WHERE image_id = \(ids[2]) AND `rank` = 1")
        try fixture.connection.execute("UPDATE predictions SET is_current = FALSE WHERE image_id = \(ids[3])")
        func unsure(_ score: Double, order: ImageOrder = .uploaded) throws -> [Int64] {
            try ListImagesUseCase.Page.allIDs {
                try self.list.execute(userID: self.fixture.userID, limit: 1, order: order, after: $0, maxScore: score)
            }
        }
        #expect(try unsure(0.3) == [ids[2], ids[1]], "page by page")
        #expect(try unsure(0.3, order: .taken) == [ids[2], ids[1]])
        #expect(try unsure(0.25) == [ids[1]], "the second label's 0.25 does not count")
        #expect(try unsure(0.5) == [ids[2], ids[1], ids[0]], "at most; the picture without a classification never")
        #expect(try unsure(1) == [ids[2], ids[1], ids[0]])
        #expect(try unsure(0.1).isEmpty)
        for refused in [0, -0.1, 1.01, .nan, .infinity] {
            let error = try #require(throws: DomainError.self) { try self.list.execute(userID: self.fixture.userID, maxScore: refused) }
            #expect(error.fieldErrors.map(\.field) == ["max_score"], "\(refused)")
        }
    }
}
