import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// `ExportImagesUseCase` and the two repository reads it adds, on MariaDB.
@Suite final class ExportThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    private func upload(_ marker: String, user: Int64? = nil) throws -> Int64 {
        try fixture.upload(marker, user: user, topK: 3).details.image.id
    }

    @Test func everyActivePictureOfTheOwnerOldestFirstAcrossPagesWithItsHistory() throws {
        let ids = try (1...5).map { try upload("pic-\($0)") }
        let theirs = try upload("theirs", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[1])
        try fixture.replace(ids[3], with: "cat")
        let albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
        let trip = try albums.create(userID: fixture.userID, name: "Trip").album.id
        _ = try albums.add(userID: fixture.userID, albumID: trip, imageIDs: [ids[2]])
        // Two albums with covers: one chosen (the older picture, not the one put in last), one left to the album.
        let best = try albums.create(userID: fixture.userID, name: "Best").album.id
        _ = try albums.add(userID: fixture.userID, albumID: best, imageIDs: [ids[0], ids[4]])
        _ = try albums.setCover(userID: fixture.userID, albumID: best, imageID: ids[0])

        var exported: [ExportedImage] = []
        // Pages of 2: four pictures take two full pages and an empty third read.
        let count = try ExportImagesUseCase(unitOfWork: fixture.unitOfWork, pageSize: 2).execute(userID: fixture.userID) {
            exported.append($0)
        }
        #expect(count == 4)
        #expect(exported.map(\.image.id) == [ids[0], ids[2], ids[3], ids[4]])
        #expect(exported.map(\.image.title) == ["pic-1", "pic-3", "pic-4", "pic-5"])
        #expect(exported.map(\.albums) == [["Best"], ["Trip"], [], ["Best"]])
        #expect(exported.map(\.coverOf) == [["Best"], [], [], []], "only a cover the owner chose")
        #expect(exported[0].bytes == ImageDatabaseFixture.picture("pic-1"))
        #expect(exported[0].image.sha256 == OpenSSLContentDigester().sha256Hex(ImageDatabaseFixture.picture("pic-1")))
        #expect(exported[0].predictions.map(\.label) == ["espresso", "cup", "eggnog"])
        #expect(exported[0].predictions.map(\.isCurrent) == [true, true, true])
        // The replaced picture: its new bytes, the current set first (rank order), then the replaced one.
        let replaced = exported[2]
        #expect(replaced.bytes == ImageDatabaseFixture.picture("cat"))
        #expect(replaced.image.byteSize == ImageDatabaseFixture.picture("cat").count)
        #expect(replaced.predictions.map(\.isCurrent) == [true, true, true, true, true, false, false, false])
        #expect(replaced.predictions.prefix(5).map(\.rank) == [1, 2, 3, 4, 5])
        #expect(replaced.predictions.first?.label == "tabby cat")
        #expect(replaced.predictions.suffix(3).map(\.label) == ["espresso", "cup", "eggnog"])
        #expect(replaced.predictions.first?.model.name == "stub-net")
        let firstTwo = try fixture.unitOfWork.read { try $0.predictions.all(imageID: ids[3], limit: 2) }
        #expect(firstTwo.map(\.label) == ["tabby cat", "tiger cat"] && firstTwo.allSatisfy(\.isCurrent))

        // The other account sees only its own; administration (no owner) sees both accounts' active pictures.
        var others: [Int64] = []
        try ExportImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.otherUserID) { others.append($0.image.id) }
        #expect(others == [theirs])
        let all = try fixture.unitOfWork.read { try $0.images.activeIDs(userID: nil, afterID: 0, limit: 100) }
        #expect(all == [ids[0], ids[2], ids[3], ids[4], theirs])
    }

    @Test func aPictureDeletedWhileTheExportRunsIsLeftOutAndAnErrorOfTheSinkStopsIt() throws {
        let ids = try (1...3).map { try upload("pic-\($0)") }
        var seen: [Int64] = []
        try ExportImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID) { exported in
            seen.append(exported.image.id)
            if exported.image.id == ids[0] {
                try DeleteImageUseCase(unitOfWork: self.fixture.unitOfWork).execute(userID: self.fixture.userID, imageID: ids[1])
            }
        }
        #expect(seen == [ids[0], ids[2]])

        struct ClientGone: Error {}
        var handed = 0
        #expect(throws: ClientGone.self) {
            try ExportImagesUseCase(unitOfWork: self.fixture.unitOfWork).execute(userID: self.fixture.userID) { _ in
                handed += 1
                throw ClientGone()
            }
        }
        #expect(handed == 1)
    }

    @Test func anAlbumsExportHasOnlyItsActivePicturesOldestFirstAcrossPages() throws {
        let ids = try (1...5).map { try upload("pic-\($0)") }
        let theirs = try upload("theirs", user: fixture.otherUserID)
        let albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
        let trip = try albums.create(userID: fixture.userID, name: "Trip").album.id
        _ = try albums.add(userID: fixture.userID, albumID: trip, imageIDs: [ids[4], ids[0], ids[2], ids[3], theirs])
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[3])
        var exported: [Int64] = []
        let count = try ExportImagesUseCase(unitOfWork: fixture.unitOfWork, pageSize: 2).execute(userID: fixture.userID, albumID: trip) {
            exported.append($0.image.id)
        }
        #expect(count == 3 && exported == [ids[0], ids[2], ids[4]], "not the deleted one, not another account's")
        #expect(try fixture.unitOfWork.read { try $0.albums.pictureIDs(albumID: trip, afterID: ids[0], limit: 1) } == [ids[2]])
    }

    @Test func anAccountWithoutPicturesExportsNothing() throws {
        var count = 0
        #expect(try ExportImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID) { _ in count += 1 } == 0)
        #expect(count == 0)
    }
}
