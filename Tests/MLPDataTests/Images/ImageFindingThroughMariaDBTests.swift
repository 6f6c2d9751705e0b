import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Synchronization
import Testing

/// Finding pictures across an account on MariaDB: label counts, similar pictures, duplicates, the pictures beside
/// one in the gallery and in an album.
@Suite final class ImageFindingThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    @Test func thePicturesBesideOneAreTheOwnersActiveOnesInTheGalleryOrTheAlbum() throws {
        let ids = try (1...5).map { try fixture.upload("pic \($0)").details.image.id }
        _ = try fixture.upload("theirs", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[3])
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        #expect(try list.neighbours(userID: fixture.userID, imageID: ids[2]) == PictureNeighbours(newer: ids[4], older: ids[1]))
        #expect(try list.neighbours(userID: fixture.userID, imageID: ids[4]) == PictureNeighbours(newer: nil, older: ids[2]))
        #expect(try list.neighbours(userID: fixture.userID, imageID: ids[0]) == PictureNeighbours(newer: ids[1], older: nil))
        let albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
        let album = try albums.create(userID: fixture.userID, name: "Some").album.id
        _ = try albums.add(userID: fixture.userID, albumID: album, imageIDs: [ids[0], ids[2], ids[4]])
        let place = try #require(try albums.place(userID: fixture.userID, albumID: album, imageID: ids[2]))
        #expect(place.album.name == "Some" && place.neighbours == PictureNeighbours(newer: ids[4], older: ids[0], position: 2, count: 3))
        #expect(try albums.place(userID: fixture.userID, albumID: album, imageID: ids[1]) == nil, "not in the album")
        #expect(try albums.place(userID: fixture.otherUserID, albumID: album, imageID: ids[2]) == nil, "not their album")
    }

    @Test func labelsAreCountedOverCurrentPredictionsOfActivePictures() throws {
        // Stub model: coffee → espresso, cup, eggnog, consomme, tea cup; cat → tabby cat, tiger cat,
        // 100% cat_like, lynx, Egyptian Mau; scores 0.5 / rank; labels repeat beyond rank 5.
        let coffee = try fixture.upload("coffee 1", topK: 7).details.image.id
        _ = try fixture.upload("coffee 2", topK: 1)
        let replaced = try fixture.upload("coffee 3").details.image.id
        let cat = try fixture.upload("cat 4").details.image.id
        let deleted = try fixture.upload("cat 5").details.image.id
        _ = try fixture.upload("cat of bob", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        // Replaced by a cat: its coffee labels become history and no longer count.
        try fixture.replace(replaced, with: "cat 3", topK: 3)
        let labels = ListLabelsUseCase(unitOfWork: fixture.unitOfWork)
        let all = try labels.execute(userID: fixture.userID)
        #expect(all.total == 10)
        #expect(all.items.map(\.label) == [
            "espresso", "tabby cat", "100% cat_like", "tiger cat", "consomme", "cup", "eggnog", "Egyptian Mau", "lynx", "tea cup",
        ])
        let espresso = try #require(all.items.first)
        #expect(espresso.images == 2 && espresso.topImages == 2 && espresso.bestScore == 0.5, "rank 1 and 6 of one picture count once")
        let tabby = all.items[1]
        #expect(tabby.images == 2 && tabby.topImages == 2)
        #expect(all.items.first { $0.label == "cup" }.map { [$0.images, $0.topImages] } == [1, 0])
        #expect(all.items.first { $0.label == "cup" }?.bestScore == 0.25, "rank 2 of coffee 1, and rank 7 (0.5 / 7)")
        let first = try labels.execute(userID: fixture.userID, limit: 3)
        #expect(first.items.map(\.label) == ["espresso", "tabby cat", "100% cat_like"])
        #expect(first.total == 10)
        #expect(try labels.execute(userID: fixture.otherUserID).items.map(\.images) == [1, 1, 1, 1, 1])
        #expect(throws: DomainError.self) { try labels.execute(userID: self.fixture.userID, limit: 0) }
        #expect(throws: DomainError.self) { try labels.execute(userID: self.fixture.userID, limit: 1001) }

        // The exact filter lists what was counted; `contains` finds parts of labels, both ignore case.
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        for item in all.items {
            let listed = try list.execute(userID: fixture.userID, limit: 100, label: item.label.uppercased(), labelMatch: .exact)
            #expect(listed.items.count == item.images, "\(item.label)")
        }
        #expect(try list.execute(userID: fixture.userID, label: "cat", labelMatch: .exact).items.isEmpty)
        #expect(try list.execute(userID: fixture.userID, label: "cat").items.map(\.image.id) == [cat, replaced])
        #expect(try list.execute(userID: fixture.userID, label: "100%", labelMatch: .exact).items.isEmpty, "no LIKE pattern")
        #expect(try list.execute(userID: fixture.userID, label: "100% CAT_LIKE", labelMatch: .exact).items.map(\.image.id) == [cat, replaced])
        #expect(try list.execute(userID: fixture.userID, label: "espresso", labelMatch: .exact).items.map(\.image.id).contains(coffee))
    }

    @Test func similarPicturesAreTheOwnersOthersByLabelOverlap() throws {
        // Stub model: coffee → espresso, cup, eggnog, consomme, tea cup; cat → five cat labels; scores 0.5 / rank.
        let coffee = try fixture.upload("coffee 1").details.image.id
        let coffee2 = try fixture.upload("coffee 2").details.image.id
        let small = try fixture.upload("coffee 3", topK: 2).details.image.id
        let cat = try fixture.upload("cat 4").details.image.id
        let deleted = try fixture.upload("coffee 5").details.image.id
        let replaced = try fixture.upload("coffee 6").details.image.id
        _ = try fixture.upload("coffee of bob", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        try fixture.replace(replaced, with: "cat 6")
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        let found = try get.similar(userID: fixture.userID, imageID: coffee).similar
        #expect(found.map(\.summary.image.id) == [coffee2, small], "not the cats, the deleted, the replaced or Bob's")
        let all = 0.5 + 0.25 + 0.5 / 3 + 0.125 + 0.1
        #expect(abs(found[0].similarity - all) < 1e-9)
        #expect(abs(found[1].similarity - 0.75) < 1e-9)
        #expect(found[0].summary.topPrediction?.label == "espresso")
        #expect(try get.similar(userID: fixture.userID, imageID: cat).similar.map(\.summary.image.id) == [replaced])
        #expect(try get.similar(userID: fixture.userID, imageID: coffee, limit: 1).similar.map(\.summary.image.id) == [coffee2])
        #expect(throws: DomainError.imageNotFound) { try get.similar(userID: self.fixture.otherUserID, imageID: coffee) }
        #expect(throws: DomainError.imageNotFound) { try get.similar(userID: self.fixture.userID, imageID: deleted) }
        #expect(throws: DomainError.self) { try get.similar(userID: self.fixture.userID, imageID: coffee, limit: 51) }
    }

    @Test func duplicatesAreTheOwnersActivePicturesWithEqualBytes() throws {
        let coffee = try fixture.upload("coffee").details.image.id
        _ = try fixture.upload("tea")
        let coffee2 = try fixture.upload("coffee").details.image.id
        let cat = try fixture.upload("cat").details.image.id
        let cat2 = try fixture.upload("cat").details.image.id
        let coffee3 = try fixture.upload("coffee").details.image.id
        let deletedCat = try fixture.upload("cat").details.image.id
        _ = try fixture.upload("coffee", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deletedCat)
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        let found = try get.duplicates(userID: fixture.userID)
        #expect(found.groups.map { $0.map(\.image.id) } == [[coffee, coffee2, coffee3], [cat, cat2]])
        #expect(found.total == 2)
        #expect(found.groups.first?.first?.topPrediction?.label == "espresso")
        #expect(try get.duplicates(userID: fixture.otherUserID).groups.isEmpty)
        // The limit cuts groups, not pictures, and the total still counts every group.
        let one = try fixture.unitOfWork.read { try $0.images.duplicateGroups(userID: self.fixture.userID, limit: 1) }
        #expect(one.groups.map { $0.map(\.image.id) } == [[coffee, coffee2, coffee3]])
        #expect(one.total == 2)
    }

    @Test func aPictureAtHandFindsItsCopiesAndItsLikesAndIsNotStored() throws {
        let coffee = try fixture.upload("coffee 1").details.image.id
        let copy = try fixture.upload("coffee 1").details.image.id
        let coffee2 = try fixture.upload("coffee 2").details.image.id
        let cat = try fixture.upload("cat 3").details.image.id
        let gone = try fixture.upload("coffee 1").details.image.id
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: gone)
        _ = try fixture.upload("coffee 1", user: fixture.otherUserID)
        let counter = RowCounter(connection: fixture.connection)
        let rows = (try counter.count("images"), try counter.count("predictions"))
        let find = FindByPictureUseCase(
            unitOfWork: fixture.unitOfWork, classifier: StubClassifier(), processor: StubProcessor(), digester: OpenSSLContentDigester()
        )
        let found = try find.execute(userID: fixture.userID, bytes: ImageDatabaseFixture.picture("coffee 1"))
        #expect(found.classification.scores.map(\.label) == ["espresso", "cup", "eggnog", "consomme", "tea cup"])
        #expect(found.sameBytes.map(\.image.id) == [coffee, copy], "oldest first; not the deleted one or Bob's")
        #expect(found.sameBytes.first?.topPrediction?.label == "espresso")
        #expect(found.similar.map(\.summary.image.id) == [coffee2], "the copies once, the cat shares nothing")
        #expect(try find.execute(userID: fixture.userID, bytes: ImageDatabaseFixture.picture("cat 9")).similar.map(\.summary.image.id) == [cat])
        #expect(try find.execute(userID: fixture.otherUserID, bytes: ImageDatabaseFixture.picture("coffee 9")).sameBytes.isEmpty)
        #expect((try counter.count("images"), try counter.count("predictions")) == rows, "nothing stored")
        #expect(throws: DomainError.self) { try find.execute(userID: self.fixture.userID, bytes: [1, 2, 3]) }
    }

    @Test func theListFindsAFileByItsDigestThroughTheIndex() throws {
        let first = try fixture.upload("coffee 1").details
        let copy = try fixture.upload("coffee 1").details.image.id
        _ = try fixture.upload("coffee 2")
        _ = try fixture.upload("coffee 1", user: fixture.otherUserID)
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        let digest = first.image.sha256
        #expect(try list.execute(userID: fixture.userID, sha256: digest).items.map(\.image.id) == [copy, first.image.id])
        #expect(try list.execute(userID: fixture.userID, text: "espresso", sha256: digest.uppercased()).items.count == 2)
        #expect(try list.execute(userID: fixture.userID, limit: 1, after: ImageListPosition(id: copy), sha256: digest).items.map(\.image.id) == [first.image.id])
        #expect(try list.execute(userID: fixture.userID, sha256: String(repeating: "a", count: 64)).items.isEmpty)
        #expect(throws: DomainError.self) { try list.execute(userID: self.fixture.userID, sha256: "abc") }
        // MariaDB reads the rows through images_user_sha256.
        let plan = try fixture.connection.query(SQLQuery(unsafeSQL: """
            EXPLAIN SELECT i.id FROM images i WHERE i.user_id = ? AND i.is_deleted = FALSE AND i.id < ? AND i.sha256 = ?
            """, binds: [.int(fixture.userID), .int(Int64.max), .string(digest)]))
        #expect(try plan.first?.decode(String?.self, "key") == "images_user_sha256")
    }
}
