import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

/// The owner's own labels on MariaDB: stored, read back with every read of a picture, and compared with the
/// model's current predictions.
@Suite final class UserLabelsThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let update: UpdateImageUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        update = fixture.updater
    }

    @Test func aSelectionIsLabelledAtOnceAndOnlyTheOwnersPictures() throws {
        let mine = [try fixture.upload("coffee").details.image.id, try fixture.upload("cat").details.image.id]
        let kept = try fixture.upload("cup").details.image.id
        let theirs = try fixture.upload("bob's", user: fixture.otherUserID).details.image.id
        let gone = try fixture.upload("gone").details.image.id
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: gone)
        let ids = mine + [mine[0], theirs, gone, 999_999]
        #expect(try update.label(userID: fixture.userID, imageIDs: ids, as: " desk ").labelled == mine)
        #expect(try fixture.rows.count("images", where: "user_label = 'desk'") == 2)
        #expect(try fixture.rows.count("images", where: "id IN (\(mine[0]), \(mine[1])) AND user_label = 'desk'") == 2)
        #expect(try fixture.rows.count("images", where: "id IN (\(kept), \(theirs), \(gone)) AND user_label IS NOT NULL") == 0)
        #expect(throws: DomainError.self) { try self.update.label(userID: self.fixture.userID, imageIDs: [kept], as: "") }
        #expect(try fixture.rows.count("images", where: "id = \(kept) AND user_label IS NULL") == 1)
    }

    @Test func aLabelIsStoredTrimmedReadEverywhereAndRemoved() throws {
        let id = try fixture.upload("coffee").details.image.id
        let labelled = try update.label(userID: fixture.userID, imageID: id, as: "  Flat white ☕︎ ")
        #expect(labelled.image.userLabel == "Flat white ☕︎")
        #expect(labelled.predictions.first?.label == "espresso", "the model's labels stay")
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        #expect(try get.execute(userID: fixture.userID, imageID: id, includeBytes: true).image.userLabel == "Flat white ☕︎")
        #expect(try ListImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID).items.first?.image.userLabel == "Flat white ☕︎")
        let other = try fixture.upload("coffee 2").details.image.id
        let search = try ListImagesUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, text: "FLAT")
        #expect(search.items.map(\.image.id) == [id], "the search finds the owner's label, not \(other)")
        // 255 characters of four bytes each fit the column.
        let longest = String(repeating: "🐈", count: 255)
        #expect(try update.label(userID: fixture.userID, imageID: id, as: longest).image.userLabel == longest)
        #expect(throws: DomainError.self) { try self.update.label(userID: self.fixture.userID, imageID: id, as: longest + "x") }
        #expect(try fixture.connection.query("SELECT user_label FROM images WHERE id = \(id)").first?.decode(String.self, "user_label") == longest)

        #expect(try update.label(userID: fixture.userID, imageID: id, as: nil).image.userLabel == nil)
        #expect(try fixture.rows.count("images", where: "user_label IS NOT NULL") == 0)
        let notFound = try #require(throws: DomainError.self) { try self.update.label(userID: self.fixture.otherUserID, imageID: id, as: "mine") }
        #expect(notFound.code == .notFound)
    }

    @Test func agreementComparesWithTheCurrentPredictionsOnly() throws {
        // Stub model: coffee → espresso, cup, eggnog, consomme, tea cup (rank 6 is espresso again with top_k 7);
        // cat → tabby cat, tiger cat, 100% cat_like, lynx, Egyptian Mau.
        let coffee = try fixture.upload("coffee", topK: 7).details.image.id
        let cup = try fixture.upload("cup").details.image.id
        let wrong = try fixture.upload("coffee 2").details.image.id
        let replaced = try fixture.upload("coffee 3").details.image.id
        let deleted = try fixture.upload("coffee 4").details.image.id
        let bobs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        _ = try update.label(userID: fixture.userID, imageID: coffee, as: "Espresso")
        _ = try update.label(userID: fixture.userID, imageID: cup, as: "CUP")
        _ = try update.label(userID: fixture.userID, imageID: wrong, as: "latte")
        // Labelled "espresso", then replaced by a cat: its earlier espresso is history and does not count.
        _ = try update.label(userID: fixture.userID, imageID: replaced, as: "espresso")
        try fixture.replace(replaced, with: "cat")
        _ = try update.label(userID: fixture.userID, imageID: deleted, as: "espresso")
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        _ = try update.label(userID: fixture.otherUserID, imageID: bobs, as: "espresso")

        let labels = ListLabelsUseCase(unitOfWork: fixture.unitOfWork)
        let agreement = try labels.execute(userID: fixture.userID).agreement
        #expect(agreement == [ModelAgreement(model: "stub-net", version: "2", labelled: 4, topMatches: 1, anyMatches: 2)],
                "espresso twice in one set counts once; the replaced picture is labelled but its current set has no espresso")
        #expect(try labels.execute(userID: fixture.otherUserID).agreement.map(\.labelled) == [1])
        #expect(try labels.execute(userID: fixture.userID, limit: 1).agreement.map(\.labelled) == [4], "not cut by the label limit")

        // The list keeps the same pictures: agree = the top matches, disagree = the rest of the labelled ones.
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        #expect(try list.execute(userID: fixture.userID, agreement: .agree).items.map(\.image.id) == [coffee])
        #expect(try list.execute(userID: fixture.userID, agreement: .disagree).items.map(\.image.id) == [replaced, wrong, cup])
        #expect(try list.execute(userID: fixture.userID, agreement: .unlabelled).items.isEmpty)
        #expect(try list.execute(userID: fixture.otherUserID, agreement: .agree).items.map(\.image.id) == [bobs])
    }
}

/// `EvaluateModelUseCase` on MariaDB: the model run again on the labelled pictures, nothing stored.
@Suite final class ModelEvaluationThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let update: UpdateImageUseCase
    let evaluate: EvaluateModelUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        update = fixture.updater
        evaluate = EvaluateModelUseCase(unitOfWork: fixture.unitOfWork, classifier: StubClassifier())
    }

    @Test func theModelRunsOnEveryLabelledPictureAndIsComparedWithTheOwnersLabels() throws {
        // Stub model: coffee → espresso, cup, eggnog, consomme, tea cup; cat → tabby cat, tiger cat, 100% cat_like,
        // lynx, Egyptian Mau.
        func labelled(_ marker: String, _ label: String?, user: Int64? = nil) throws -> Int64 {
            let id = try fixture.upload(marker, user: user).details.image.id
            if let label { _ = try update.label(userID: user ?? fixture.userID, imageID: id, as: label) }
            return id
        }
        let espresso = try labelled("coffee 1", "ESPRESSO")
        let cup = try labelled("coffee 2", "Cup")
        let lynx = try labelled("cat 3", "lynx")
        let dog = try labelled("cat 4", "dog")
        _ = try labelled("coffee 5", nil)
        let deleted = try labelled("coffee 6", "espresso")
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        let bobs = try labelled("coffee of bob", "espresso", user: fixture.otherUserID)

        let mine = try evaluate.labelled(userID: fixture.userID)
        #expect(mine.map(\.id) == [espresso, cup, lynx, dog])
        #expect(mine.map(\.label) == ["ESPRESSO", "Cup", "lynx", "dog"])
        #expect(try evaluate.labelled(userID: nil).map(\.id) == [espresso, cup, lynx, dog, bobs])
        #expect(try evaluate.labelled(userID: nil, limit: 2).map(\.id) == [espresso, cup])

        let predictionsBefore = try fixture.rows.count("predictions")
        var seen: [Int] = []
        let output = try evaluate.execute(model: nil, pictures: mine) { seen.append($0) }
        #expect(seen == [1, 2, 3, 4])
        #expect(output.model == "stub-net 2")
        #expect(output.evaluated == 4 && output.failed == 0)
        #expect(output.topMatches == 1, "ESPRESSO is the top label, ignoring case")
        #expect(output.anyMatches == 3, "cup at rank 2 and lynx at rank 4 too")
        #expect(output.currentTopMatches == 1 && output.currentAnyMatches == 3)
        #expect(output.mismatches == [
            .init(said: "Cup", predicted: "espresso", count: 1), .init(said: "dog", predicted: "tabby cat", count: 1),
            .init(said: "lynx", predicted: "tabby cat", count: 1),
        ])
        #expect(try fixture.rows.count("predictions") == predictionsBefore, "nothing is stored")
        let narrow = try evaluate.execute(model: "stub-net", topK: 1, pictures: mine)
        #expect(narrow.anyMatches == 1)

        let unknown = try #require(throws: DomainError.self) { try self.evaluate.execute(model: "nope", pictures: mine) }
        #expect(unknown.fieldErrors.map(\.field) == ["model"])
        #expect(throws: DomainError.self) { try self.evaluate.execute(model: nil, topK: 0, pictures: mine) }
        #expect(try evaluate.execute(model: nil, pictures: []).evaluated == 0)
    }
}
