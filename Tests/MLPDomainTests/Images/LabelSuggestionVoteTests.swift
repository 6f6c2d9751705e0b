import MLPDomain
import Testing

/// How the owner's labelled pictures near a picture vote for its suggested labels.
@Suite struct LabelSuggestionVoteTests {
    private func near(_ id: Int64, _ label: String, _ similarity: Double) -> LabelledNeighbour {
        LabelledNeighbour(imageID: id, label: label, similarity: similarity)
    }

    @Test func aLabelScoresItsShareOfTheNeighboursSimilarityCountedAsAtLeastOne() {
        #expect(SuggestLabelsUseCase.vote([]).isEmpty)
        // One picture alike in a quarter of what the model says is not enough; one alike in 0.9 is.
        #expect(SuggestLabelsUseCase.vote([near(1, "Rex", 0.25)]).isEmpty)
        let one = SuggestLabelsUseCase.vote([near(1, "Rex", 0.9)])
        #expect(one.map(\.label) == ["Rex"] && one.first?.score == 0.9)
        // Three alike pictures of Rex outvote one of Mittens: 2.4 of 2.7.
        let mixed = SuggestLabelsUseCase.vote([near(1, "Rex", 0.8), near(2, "Mittens", 0.3), near(3, "Rex", 0.8), near(4, "Rex", 0.8)])
        #expect(mixed.map(\.label) == ["Rex"], "Mittens' 0.3 of 2.7 is under the minimum")
        #expect(abs((mixed.first?.score ?? 0) - 2.4 / 2.7) < 1e-12)
        #expect(mixed.first?.pictures.map(\.imageID) == [4, 3, 1], "most similar first, then newest")
        // Over 1 in all, a score never passes 1.
        #expect(SuggestLabelsUseCase.vote([near(1, "Rex", 1.1), near(2, "Rex", 1.1)]).first?.score == 1)
    }

    @Test func labelsDifferingInCaseOrAccentsAreOneAndKeepTheNearestSpelling() {
        let found = SuggestLabelsUseCase.vote([near(1, "cafe", 0.4), near(2, "Café", 0.5), near(3, "tea", 0.45)])
        #expect(found.map(\.label) == ["Café", "tea"])
        #expect(abs(found[0].score - 0.9 / 1.35) < 1e-12 && abs(found[1].score - 0.45 / 1.35) < 1e-12)
        #expect(found[0].pictures.map(\.imageID) == [2, 1])
    }

    @Test func atMostThreeBestFirstAndTiesGoToTheMoreSimilarPicture() {
        // Three labels of equal weight, 0.3 each of a total counted as 1.
        let even = SuggestLabelsUseCase.vote([near(1, "a", 0.3), near(2, "b", 0.3), near(3, "c", 0.3)])
        #expect(even.map(\.label) == ["c", "b", "a"], "equal weight and similarity: the newest picture first")
        let tie = SuggestLabelsUseCase.vote([near(1, "one", 0.2), near(2, "one", 0.2), near(3, "two", 0.4)])
        #expect(tie.map(\.label) == ["two", "one"], "equal weight: the label of the more similar picture first")
        #expect(SuggestLabelsUseCase.vote([near(1, "a", 0), near(2, "b", -0.1)]).isEmpty, "no overlap votes nothing")
    }

    private func picture(_ id: Int64, _ label: String?, _ predictions: [(String, Double)]) -> PictureScores {
        PictureScores(imageID: id, userLabel: label, predictions: predictions.map { (label: $0.0, score: $0.1) })
    }

    @Test func similarityIsTheOverlapOfThePredictionsWhateverTheCaseAndAccents() {
        let coffee = picture(1, nil, [("espresso", 0.6), ("Cup", 0.3), ("café", 0.1)])
        let other = picture(2, "x", [("Espresso", 0.5), ("cup", 0.4), ("Cafe", 0.05), ("tea", 0.05)])
        #expect(abs(SuggestLabelsUseCase.similarity(coffee.scores, other.scores) - 0.85) < 1e-12)
        #expect(SuggestLabelsUseCase.similarity(coffee.scores, picture(3, "y", [("tabby", 0.9)]).scores) == 0)
        // A label twice in one set counts with its higher score.
        #expect(picture(4, nil, [("cup", 0.2), ("CUP", 0.3)]).scores == ["cup": 0.3])
    }

    @Test func theNearestAreLabelledOtherPicturesAboveTheMinimumTenAtMost() {
        let query = picture(1, "itself", [("espresso", 1)])
        let labelled = [query, picture(2, nil, [("espresso", 0.9)]), picture(3, "weak", [("espresso", 0.19)])]
            + (10...21).map { picture($0, "coffee \($0)", [("espresso", 0.3 + Double($0) / 100)]) }
        let nearest = SuggestLabelsUseCase.nearest(to: query, among: labelled)
        #expect(nearest.map(\.imageID) == Array((12...21).reversed()), "not itself, the unlabelled or the weak one; the ten nearest")
        #expect(nearest.first == LabelledNeighbour(imageID: 21, label: "coffee 21", similarity: 0.51))
    }
}
