import Foundation
import MLPData
import MLPDomain
import MariaDB
import Testing

/// The MariaDB unit of work, except that the album is deleted (by its owner, in another transaction) right before
/// the upload's transaction begins: after the upload checked it, and while the model ran.
final class AlbumDeletedMeanwhile: UnitOfWork {
    let base: MariaDBUnitOfWork
    let albumID: Int64
    let userID: Int64

    init(base: MariaDBUnitOfWork, albumID: Int64, userID: Int64) {
        (self.base, self.albumID, self.userID) = (base, albumID, userID)
    }

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        _ = try AlbumsUseCase(unitOfWork: base).delete(userID: userID, albumID: albumID)
        return try base.transaction(body)
    }

    func read<T>(_ body: (any Repositories) throws -> T) throws -> T { try base.read(body) }
}

/// An upload into an album on MariaDB: the picture, its predictions and its place in the album in one transaction.
@Suite final class UploadIntoAlbumThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let albums: AlbumsUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
    }

    @Test func theUploadAndItsPlaceInTheAlbumAreOneTransaction() throws {
        let trip = try albums.create(userID: fixture.userID, name: "Trip").album
        let stored = try fixture.uploader().execute(.init(
            userID: fixture.userID, bytes: ImageDatabaseFixture.picture("coffee"), albumID: trip.id
        )).details.image.id
        #expect(try albums.pictures(userID: fixture.userID, albumID: trip.id).page.items.map(\.image.id) == [stored])
        #expect(try albums.get(userID: fixture.userID, albumID: trip.id).coverImageID == stored)
        // Another account's album: refused before the model runs, nothing stored.
        let theirs = try albums.create(userID: fixture.otherUserID, name: "Theirs").album
        let refused = #expect(throws: DomainError.self) {
            try self.fixture.uploader().execute(.init(
                userID: self.fixture.userID, bytes: ImageDatabaseFixture.picture("cat"), albumID: theirs.id
            ))
        }
        #expect(refused?.fieldErrors.map(\.field) == ["album_id"])
        #expect(try fixture.rows.count("images") == 1 && fixture.rows.count("album_images") == 1)
        // An album deleted while the model ran: the transaction finds it gone, and nothing of the upload stays.
        let doomed = try albums.create(userID: fixture.userID, name: "Doomed").album
        let meanwhile = AlbumDeletedMeanwhile(base: fixture.unitOfWork, albumID: doomed.id, userID: fixture.userID)
        let undone = #expect(throws: DomainError.self) {
            try self.fixture.uploader(meanwhile).execute(.init(
                userID: self.fixture.userID, bytes: ImageDatabaseFixture.picture("cat"), idempotencyKey: "k", albumID: doomed.id
            ))
        }
        #expect(undone?.fieldErrors.map(\.field) == ["album_id"])
        #expect(try fixture.rows.count("images") == 1 && fixture.rows.count("predictions") == 5)
        #expect(try fixture.rows.count("albums", where: "id = \(doomed.id)") == 0)
    }
}
