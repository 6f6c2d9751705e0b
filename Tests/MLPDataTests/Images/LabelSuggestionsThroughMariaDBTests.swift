import Foundation
import MLPData
import MLPDomain
import MariaDBTestSupport
import Testing

/// The owner's own labels suggested for a picture, from their labelled pictures the model sees alike, on MariaDB.
@Suite final class LabelSuggestionsThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    private func label(_ id: Int64, _ label: String?, user: Int64? = nil) throws {
        let update = fixture.updater
        _ = try update.label(userID: user ?? fixture.userID, imageID: id, as: label)
    }

    @Test func theOwnersLabelsOfPicturesTheModelSeesAlikeAreSuggested() throws {
        // Stub model: coffee → espresso, cup, eggnog, consomme, tea cup; cat → five cat labels; scores 0.5 / rank.
        // Two coffees alike in everything: 0.5 + 0.25 + 0.5 / 3 + 0.125 + 0.1 ≈ 1.142; a top-2 coffee: 0.75.
        let coffee1 = try fixture.upload("coffee 1").details.image.id
        let coffee2 = try fixture.upload("coffee 2").details.image.id
        let small = try fixture.upload("coffee 3", topK: 2).details.image.id
        let cat = try fixture.upload("cat 4").details.image.id
        let deleted = try fixture.upload("coffee 5").details.image.id
        let unlabelledCoffee = try fixture.upload("coffee 6").details.image.id
        let newCat = try fixture.upload("cat 7").details.image.id
        let bobs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        try label(coffee1, "my morning coffee")
        try label(coffee2, "My Morning Coffee")
        try label(small, "breakfast")
        try label(cat, "Chelsea")
        try label(deleted, "gone")
        try label(bobs, "Bob's coffee", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)
        let suggest = SuggestLabelsUseCase(unitOfWork: fixture.unitOfWork)

        let alike = 0.5 + 0.25 + 0.5 / 3 + 0.125 + 0.1
        let coffee = try suggest.execute(userID: fixture.userID, imageID: unlabelledCoffee)
        #expect(coffee.details.image.id == unlabelledCoffee)
        // The two morning coffees (one label, written twice) against breakfast: 2.28 of 3.03; breakfast's 0.25 is
        // under the minimum score. Never the deleted picture's, the cat's or Bob's label.
        #expect(coffee.suggestions.map(\.label) == ["My Morning Coffee"], "as written on the most similar (then newest) picture")
        let morning = try #require(coffee.suggestions.first)
        #expect(abs(morning.score - 2 * alike / (2 * alike + 0.75)) < 1e-9)
        #expect(morning.pictures.map(\.imageID) == [coffee2, coffee1])
        #expect(abs(morning.pictures[0].similarity - alike) < 1e-9)

        let chelsea = try suggest.execute(userID: fixture.userID, imageID: newCat).suggestions
        #expect(chelsea.map(\.label) == ["Chelsea"] && chelsea.first?.score == 1 && chelsea.first?.pictures.map(\.imageID) == [cat])
        // A labelled picture gets suggestions too (from the others), never its own label back from itself.
        #expect(try suggest.execute(userID: fixture.userID, imageID: cat).suggestions.isEmpty)
        #expect(try suggest.execute(userID: fixture.userID, imageID: coffee1).suggestions.map(\.pictures).first?.map(\.imageID) == [coffee2])

        // Removing a label takes its vote away; Bob's account has only its own labels to go by.
        try label(cat, nil)
        #expect(try suggest.execute(userID: fixture.userID, imageID: newCat).suggestions.isEmpty)
        #expect(throws: DomainError.imageNotFound) { try suggest.execute(userID: self.fixture.otherUserID, imageID: unlabelledCoffee) }
        #expect(throws: DomainError.imageNotFound) { try suggest.execute(userID: self.fixture.userID, imageID: deleted) }
        #expect(throws: DomainError.imageNotFound) { try suggest.execute(userID: self.fixture.userID, imageID: bobs) }
    }

    @Test func labelledPicturesSharingALabelAreReadWithThosePredictions() throws {
        // Stub model: coffee → espresso 0.5, cup 0.25, eggnog, consomme, tea cup; cat → five cat labels.
        let coffee = try fixture.upload("coffee 1").details.image.id
        let small = try fixture.upload("coffee 2", topK: 2).details.image.id
        let cat = try fixture.upload("cat 3").details.image.id
        let unlabelled = try fixture.upload("coffee 4").details.image.id
        let query = try fixture.upload("coffee 5").details.image.id
        let bobs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        for id in [coffee, small, cat, query] { try label(id, "picture \(id)") }
        try label(bobs, "Bob's", user: fixture.otherUserID)
        let read = { (labels: [String], excluding: Int64) in
            try self.fixture.unitOfWork.read { repositories in
                try repositories.images.labelledScores(sharingLabelsWith: labels, excluding: excluding, userID: self.fixture.userID)
            }
        }
        // Labels compared as the database compares them; only the shared predictions come along.
        let shared = try read(["ESPRESSO", "Cup"], query)
        #expect(shared == [
            PictureScores(imageID: coffee, userLabel: "picture \(coffee)", predictions: [("espresso", 0.5), ("cup", 0.25)]),
            PictureScores(imageID: small, userLabel: "picture \(small)", predictions: [("espresso", 0.5), ("cup", 0.25)]),
        ], "not the unlabelled coffee, the picture itself, the cat or Bob's")
        #expect(try read(["tea cup"], query).map(\.imageID) == [coffee], "the top-2 coffee has no tea cup")
        #expect(try read(["tea cup"], coffee).map(\.imageID) == [query], "the picture asked about is left out")
        #expect(try read(["tabby cat", "espresso"], unlabelled).map(\.imageID) == [coffee, small, cat, query])
        #expect(try read([], query).isEmpty)
    }

    @Test func thePicturesALabelIsSuggestedForAreFoundAcrossTheAccount() throws {
        let coffee = try fixture.upload("coffee 1").details.image.id
        let second = try fixture.upload("coffee 2").details.image.id
        let cat = try fixture.upload("cat 3").details.image.id
        let third = try fixture.upload("coffee 4", topK: 2).details.image.id
        let deleted = try fixture.upload("coffee 5").details.image.id
        let bobs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        try label(coffee, "my morning coffee")
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: deleted)

        let scores = try fixture.unitOfWork.read { try $0.images.currentScores(userID: self.fixture.userID) }
        #expect(scores.map(\.imageID) == [coffee, second, cat, third], "active pictures of the account, by id")
        #expect(scores.map(\.userLabel) == ["my morning coffee", nil, nil, nil])
        #expect(scores.map(\.scores.count) == [5, 5, 5, 2] && scores[0].scores["espresso"] == 0.5)
        let summaries = try fixture.unitOfWork.read { try $0.images.summaries(ids: [third, bobs, deleted, second], userID: self.fixture.userID) }
        #expect(summaries.map(\.image.id) == [second, third] && summaries.first?.topPrediction?.label == "espresso")

        // The full coffee is 1.142 alike (score 1), the top-2 one 0.75; the cat shares nothing.
        let found = try SuggestLabelsUseCase(unitOfWork: fixture.unitOfWork).candidates(userID: fixture.userID, label: "MY MORNING COFFEE")
        #expect(found.label == "my morning coffee" && found.labelled == 1 && found.total == 2)
        #expect(found.items.map(\.summary.image.id) == [second, third])
        #expect(found.items.map(\.suggestion.score) == [1, 0.75])
        #expect(found.items.first?.summary.image.title == "coffee 2")
        let bobsView = try SuggestLabelsUseCase(unitOfWork: fixture.unitOfWork).candidates(userID: fixture.otherUserID, label: "my morning coffee")
        #expect(bobsView.labelled == 0 && bobsView.items.isEmpty)
    }

    @Test func theOwnersLabelsAreCountedIgnoringCaseMostUsedFirst() throws {
        let ids = try (1...6).map { try fixture.upload("coffee \($0)").details.image.id }
        let bobs = try fixture.upload("coffee of bob", user: fixture.otherUserID).details.image.id
        try label(ids[0], "garden")
        try label(ids[1], "desk")
        try label(ids[2], "DESK")
        try label(ids[3], "desk")
        try label(ids[4], "attic")
        try label(bobs, "garden", user: fixture.otherUserID)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[3])
        let counts = try ListLabelsUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID).userLabels
        #expect(counts.map(\.images) == [2, 1, 1], "the deleted picture's label and Bob's do not count")
        #expect(counts.map { $0.label.lowercased() } == ["desk", "attic", "garden"])
        #expect(try ListLabelsUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, limit: 1).userLabels.count == 1)
        #expect(try ListLabelsUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.otherUserID).userLabels
            == [UserLabelCount(label: "garden", images: 1)])
    }
}
