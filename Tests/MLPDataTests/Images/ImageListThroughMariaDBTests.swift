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
        func index(_ query: ImageListQuery) throws -> String? {
            let statement = MariaDBImageRepository.listStatement(userID: fixture.userID, query)
            let plan = try fixture.connection.query(SQLQuery(unsafeSQL: "EXPLAIN " + statement.sql, binds: statement.binds))
            return try plan.first { try $0.decode(String?.self, "table") == "i" }?.decode(String?.self, "key")
        }
        #expect(try index(ImageListQuery(limit: 2)) == "images_user_active")
        #expect(try index(ImageListQuery(after: ImageListPosition(id: mine[2]), limit: 2, text: "mine")) == "images_user_active")
        #expect(try index(ImageListQuery(order: .taken, limit: 2, label: LabelFilter("espresso"))) == "images_user_timeline")
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 2, favourite: true)) == nil, "its own index finds the favourites")
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 2, sha256: String(repeating: "a", count: 64))) == nil)
        #expect(MariaDBImageRepository.listIndex(ImageListQuery(limit: 2, timelineFrom: Date())) == nil, "days by upload: their range")
        #expect(try ListImagesUseCase.Page.allIDs {
            try self.list.execute(userID: self.fixture.userID, limit: 2, after: $0)
        } == mine.reversed())
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
