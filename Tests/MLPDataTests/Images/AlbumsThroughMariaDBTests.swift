import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// Albums on MariaDB (migration 10): names unique per account ignoring case, only the owner's active pictures,
/// counts and covers, paging, and what deleting a picture, an album or an account does.
@Suite final class AlbumsThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let albums: AlbumsUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
    }

    @Test func anAlbumHoldsOnlyItsOwnersActivePicturesAndPagesThemNewestFirst() throws {
        let ids = try (1...4).map { try fixture.upload("coffee \($0)").details.image.id }
        let theirs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        let holiday = try albums.create(userID: fixture.userID, name: "  Holiday 2026 ").album
        #expect(holiday.name == "Holiday 2026")
        let added = try albums.add(userID: fixture.userID, albumID: holiday.id, imageIDs: [ids[0], ids[2], theirs, ids[0], 999_999, ids[3]])
        #expect(added.added == [ids[0], ids[2], ids[3]] && added.notFound == [theirs, 999_999])
        // Again: nothing doubles, the first time it was added stays.
        #expect(try albums.add(userID: fixture.userID, albumID: holiday.id, imageIDs: [ids[2]]).added == [ids[2]])
        let summary = try albums.get(userID: fixture.userID, albumID: holiday.id)
        #expect(summary.pictureCount == 3 && summary.coverImageID == ids[3])
        let first = try albums.pictures(userID: fixture.userID, albumID: holiday.id, limit: 2)
        #expect(first.page.items.map(\.image.id) == [ids[3], ids[2]])
        #expect(first.page.items.first?.topPrediction?.label == "espresso")
        let second = try albums.pictures(userID: fixture.userID, albumID: holiday.id, limit: 2, after: first.page.next)
        #expect(second.page.items.map(\.image.id) == [ids[0]] && second.page.nextBeforeID == nil)
        #expect(try albums.albums(userID: fixture.userID, containing: ids[2]).map(\.name) == ["Holiday 2026"])
        // Another account sees none of it.
        #expect(throws: DomainError.albumNotFound) { try self.albums.get(userID: self.fixture.otherUserID, albumID: holiday.id) }
        #expect(throws: DomainError.albumNotFound) {
            try self.albums.add(userID: self.fixture.otherUserID, albumID: holiday.id, imageIDs: [theirs])
        }
        #expect(try albums.list(userID: fixture.otherUserID).isEmpty)
        // A deleted picture leaves every album, in the same transaction.
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[3])
        #expect(try RowCounter(connection: fixture.connection).count("album_images", where: "image_id = \(ids[3])") == 0)
        let after = try albums.get(userID: fixture.userID, albumID: holiday.id)
        #expect(after.pictureCount == 2 && after.coverImageID == ids[2])
        // Taking one out; a second time it is not in.
        try albums.remove(userID: fixture.userID, albumID: holiday.id, imageID: ids[0])
        #expect(throws: DomainError.imageNotFound) { try self.albums.remove(userID: self.fixture.userID, albumID: holiday.id, imageID: ids[0]) }
        #expect(try albums.get(userID: fixture.userID, albumID: holiday.id).pictureCount == 1)
    }

    @Test func namesAreUniquePerAccountIgnoringCaseAndDeletingAnAlbumKeepsThePictures() throws {
        let picture = try fixture.upload("coffee").details.image.id
        let a = try albums.create(userID: fixture.userID, name: "Cats").album
        _ = try albums.create(userID: fixture.otherUserID, name: "cats")
        #expect { try self.albums.create(userID: self.fixture.userID, name: "CATS") } throws: { ($0 as? DomainError)?.code == .conflict }
        let b = try albums.create(userID: fixture.userID, name: "Dogs").album
        #expect { try self.albums.rename(userID: self.fixture.userID, albumID: b.id, name: "cats") } throws: { ($0 as? DomainError)?.code == .conflict }
        #expect(try albums.rename(userID: fixture.userID, albumID: b.id, name: "Birds").album.name == "Birds")
        #expect(try albums.list(userID: fixture.userID).map(\.album.name) == ["Birds", "Cats"])
        for bad in ["", "   ", String(repeating: "x", count: 101), "a\u{7}b"] {
            #expect(throws: DomainError.self) { try self.albums.create(userID: self.fixture.userID, name: bad) }
        }
        _ = try albums.add(userID: fixture.userID, albumID: a.id, imageIDs: [picture])
        try albums.delete(userID: fixture.userID, albumID: a.id)
        #expect(throws: DomainError.albumNotFound) { try self.albums.get(userID: self.fixture.userID, albumID: a.id) }
        #expect(try RowCounter(connection: fixture.connection).count("album_images") == 0)
        #expect(try GetImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: picture).image.id == picture)
        #expect(throws: DomainError.albumNotFound) { try self.albums.delete(userID: self.fixture.otherUserID, albumID: b.id) }
    }

    @Test func aChosenCoverCountsWhileTheAlbumHoldsTheActivePicture() throws {
        let ids = try (1...4).map { try fixture.upload("cover \($0)").details.image.id }
        let theirs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        let album = try albums.create(userID: fixture.userID, name: "Rome").album
        _ = try albums.add(userID: fixture.userID, albumID: album.id, imageIDs: Array(ids.prefix(3)))
        let chosen = try albums.setCover(userID: fixture.userID, albumID: album.id, imageID: ids[0])
        #expect(chosen.coverImageID == ids[0] && chosen.coverChosen && chosen.album.updatedAt > album.updatedAt)
        _ = try albums.add(userID: fixture.userID, albumID: album.id, imageIDs: [ids[3]])
        let listed = try #require(try albums.list(userID: fixture.userID).first)
        #expect(listed.coverImageID == ids[0] && listed.coverChosen, "a picture put in later does not replace the choice")
        // Someone else's picture, or one the album does not hold, is refused and changes nothing.
        for id in [theirs, 999_999] {
            #expect { try self.albums.setCover(userID: self.fixture.userID, albumID: album.id, imageID: id) } throws: {
                ($0 as? DomainError)?.fieldErrors.map(\.field) == ["image_id"]
            }
        }
        #expect(throws: DomainError.albumNotFound) { try self.albums.setCover(userID: self.fixture.otherUserID, albumID: album.id, imageID: ids[0]) }
        #expect(try albums.get(userID: fixture.userID, albumID: album.id).coverImageID == ids[0])
        // Deleted, the picture is no cover; taken out, the choice is cleared in the row.
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[0])
        let fallback = try albums.get(userID: fixture.userID, albumID: album.id)
        #expect(fallback.coverImageID == ids[3] && !fallback.coverChosen)
        _ = try albums.setCover(userID: fixture.userID, albumID: album.id, imageID: ids[1])
        try albums.remove(userID: fixture.userID, albumID: album.id, imageID: ids[1])
        #expect(try RowCounter(connection: fixture.connection).count("albums", where: "id = \(album.id) AND cover_image_id IS NOT NULL") == 0)
        _ = try albums.setCover(userID: fixture.userID, albumID: album.id, imageID: ids[2])
        let automatic = try albums.setCover(userID: fixture.userID, albumID: album.id, imageID: nil)
        #expect(automatic.coverImageID == ids[3] && !automatic.coverChosen)
    }

    @Test func anAlbumByTheTimeTakenPagesItsPicturesAndPlacesEachOneInThatOrder() throws {
        let late = try fixture.upload("coffee taken 2025:08:20 19:00:00").details.image.id
        let early = try fixture.upload("coffee taken 2025:08:14 07:30:00").details.image.id
        let undated = try fixture.upload("coffee without a time").details.image.id
        let middle = try fixture.upload("coffee taken 2025:08:17 12:00:00").details.image.id
        let outside = try fixture.upload("coffee taken 2025:08:18 12:00:00").details.image.id
        let trip = try albums.create(userID: fixture.userID, name: "Trip").album
        _ = try albums.add(userID: fixture.userID, albumID: trip.id, imageIDs: [late, early, undated, middle])
        let seen = try ListImagesUseCase.Page.allIDs {
            try albums.pictures(userID: fixture.userID, albumID: trip.id, limit: 1, order: .taken, after: $0).page
        }
        #expect(seen == [undated, late, middle, early], "\(outside) is not in the album")
        #expect(try albums.pictures(userID: fixture.userID, albumID: trip.id).page.items.map(\.image.id) == [middle, undated, early, late])
        let place = try #require(try albums.place(userID: fixture.userID, albumID: trip.id, imageID: middle, order: .taken))
        #expect(place.neighbours == PictureNeighbours(newer: late, older: early, position: 3, count: 4))
        #expect(try albums.place(userID: fixture.userID, albumID: trip.id, imageID: undated, order: .taken)?.neighbours
            == PictureNeighbours(newer: nil, older: late, position: 1, count: 4))
        #expect(try albums.place(userID: fixture.userID, albumID: trip.id, imageID: middle)?.neighbours
            == PictureNeighbours(newer: nil, older: undated, position: 1, count: 4), "by upload")
        #expect(try albums.place(userID: fixture.userID, albumID: trip.id, imageID: outside, order: .taken) == nil)
        // Its link shows the same order, and a position of the other order is refused.
        let shares = ShareAlbumUseCase(unitOfWork: fixture.unitOfWork, tokens: OpenSSLTokenGenerator())
        let token = try shares.share(userID: fixture.userID, albumID: trip.id).share.token
        #expect(try shares.open(token: token, order: .taken).page.items.map(\.image.id) == [undated, late, middle, early])
        #expect(try shares.picture(token: token, imageID: early, order: .taken).neighbours
            == PictureNeighbours(newer: middle, older: nil, position: 4, count: 4))
        #expect(throws: DomainError.self) { try shares.open(token: token, order: .taken, after: ImageListPosition(id: late)) }
    }

    @Test func aLargeAlbumByTheTimeTakenIsPagedInTheSameOrderAsASmallOne() throws {
        // 1 200 pictures of the owner's (one in five without a time, others at scattered times, some equal), 1 100
        // of them in the album: more than `largeAlbum`, so its pages walk the owner's pictures in order.
        let user = fixture.userID
        try fixture.connection.execute(SQLQuery(unsafeSQL: """
            INSERT INTO images (user_id, title, content_type, byte_size, width, height, sha256, created_at, updated_at, taken_at)
            SELECT \(user), CONCAT('p', seq), 'image/jpeg', 1, 1, 1, SHA2(seq, 256), NOW(6) - INTERVAL seq SECOND, NOW(6),
                IF(seq % 5 = 0, NULL, '2020-01-01' + INTERVAL (seq * 7919 % 600) MINUTE)
            FROM seq_1_to_1200
            """))
        let trip = try albums.create(userID: user, name: "Everything").album
        try fixture.connection.execute(SQLQuery(unsafeSQL: """
            INSERT INTO album_images (album_id, image_id, added_at)
            SELECT \(trip.id), id, NOW(6) FROM images WHERE user_id = \(user) AND title <> 'p7' AND id % 12 <> 5
            """))
        try fixture.connection.execute("UPDATE images SET is_deleted = TRUE WHERE user_id = \(user) AND title = 'p9'")
        let expected = try fixture.connection.query(SQLQuery(unsafeSQL: """
            SELECT i.id FROM images i JOIN album_images c ON c.image_id = i.id AND c.album_id = \(trip.id)
            WHERE i.is_deleted = FALSE ORDER BY COALESCE(i.taken_at, i.created_at) DESC, i.id DESC
            """)).map { try $0.decode(Int64.self, "id") }
        let summary = try albums.get(userID: user, albumID: trip.id)
        #expect(summary.pictureCount == expected.count && expected.count > 1_000)
        let seen = try ListImagesUseCase.Page.allIDs {
            try albums.pictures(userID: user, albumID: trip.id, limit: 100, order: .taken, after: $0).page
        }
        #expect(seen == expected)
        // The owner's whole gallery by the time taken, the same way.
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        let gallery = try ListImagesUseCase.Page.allIDs { try list.execute(userID: user, limit: 100, order: .taken, after: $0) }
        #expect(gallery.count == 1_199 && Array(gallery.filter(Set(expected).contains)) == expected)
    }
}
