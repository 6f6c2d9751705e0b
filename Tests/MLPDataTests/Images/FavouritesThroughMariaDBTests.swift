import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// The owner's favourites on MariaDB (migration 15): marked and unmarked, read back with every read of a picture,
/// and listed alone in both orders, page by page.
@Suite final class FavouritesThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let update: UpdateImageUseCase
    let list: ListImagesUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        update = fixture.updater
        list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
    }

    private func favourites(order: ImageOrder = .uploaded, limit: Int = 2, _ favourite: Bool? = true) throws -> [Int64] {
        try ListImagesUseCase.Page.allIDs {
            try self.list.execute(userID: self.fixture.userID, limit: limit, order: order, after: $0, favourite: favourite)
        }
    }

    @Test func markedPicturesAreListedAloneInBothOrdersAndPageByPage() throws {
        // Uploaded in this order; taken in another (the third was taken first, the first has no time taken).
        let markers = ["no time", "taken 2026:05:01 10:00:00", "taken 2020:01:01 10:00:00", "taken 2024:07:01 10:00:00", "taken 2025:01:01 10:00:00"]
        let ids = try markers.map { try fixture.upload($0).details.image.id }
        let theirs = try fixture.upload("bob's", user: fixture.otherUserID).details.image.id
        let gone = try fixture.upload("gone").details.image.id
        for id in [ids[0], ids[2], ids[3], gone] { _ = try update.favourite(userID: fixture.userID, imageID: id, true) }
        _ = try update.favourite(userID: fixture.otherUserID, imageID: theirs, true)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: gone)

        #expect(try favourites() == [ids[3], ids[2], ids[0]], "newest upload first, two a page")
        #expect(try favourites(order: .taken) == [ids[0], ids[3], ids[2]], "latest taken first (the undated one counts at its upload)")
        #expect(try favourites(limit: 100, false) == [ids[4], ids[1]])
        #expect(try favourites(order: .taken, false) == [ids[1], ids[4]])
        #expect(try list.execute(userID: fixture.userID, text: "2024", favourite: true).items.map(\.image.id) == [ids[3]])
        let all = try list.execute(userID: fixture.userID).items
        #expect(all.map(\.image.favourite) == [false, true, true, false, true])
        #expect(try GetImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[2], includeBytes: true).image.favourite)
        #expect(try fixture.rows.count("images", where: "favourite = TRUE") == 5, "the deleted picture keeps its flag, unseen")
    }

    @Test func markingTwiceChangesNothingAndStrangersChangeNothing() throws {
        let id = try fixture.upload("coffee").details.image.id
        let stored = try fixture.connection.query("SELECT updated_at FROM images WHERE id = \(id)").first?.decode(Date.self, "updated_at")
        let marked = try update.favourite(userID: fixture.userID, imageID: id, true)
        #expect(marked.image.favourite)
        #expect(marked.image.updatedAt > (stored ?? .distantFuture))
        Thread.sleep(forTimeInterval: 0.01)
        #expect(try update.favourite(userID: fixture.userID, imageID: id, true).image.updatedAt == marked.image.updatedAt)

        let notFound = try #require(throws: DomainError.self) { try self.update.favourite(userID: self.fixture.otherUserID, imageID: id, false) }
        #expect(notFound.code == .notFound)
        #expect(try fixture.rows.count("images", where: "id = \(id) AND favourite = TRUE") == 1)

        #expect(try update.favourite(userID: fixture.userID, imageID: id, false).image.favourite == false)
        #expect(try update.favourite(userID: fixture.userID, imageID: id, false).image.favourite == false, "unmarking twice is fine")
        #expect(try fixture.rows.count("images", where: "favourite = TRUE") == 0)
        // A new picture is not a favourite.
        #expect(try fixture.upload("cat").details.image.favourite == false)
    }
}
