import FuzzTestSupport
import MLPDomain
import Testing

/// "Pictures that may be …": the pictures a label is suggested for, found across an account at once.
@Suite struct LabelCandidatesTests {
    private func picture(_ id: Int64, _ label: String?, _ predictions: [(String, Double)]) -> PictureScores {
        PictureScores(imageID: id, userLabel: label, predictions: predictions.map { (label: $0.0, score: $0.1) })
    }

    @Test func theAccountWideListAgreesWithEachPicturesOwnSuggestions() {
        // Random accounts: 120 pictures over 12 model labels (top 3, softmax-like scores), a third labelled with
        // one of four labels written in varying case.
        var listed = 0
        for seed in UInt64(1)...10 {
            var random = SplitMix64(seed: seed)
            let modelLabels = (0..<12).map { "class \($0)" }
            let ownLabels = ["Chelsea", "chelsea", "my desk", "Café", "cafe", "garden"]
            let pictures = (Int64(1)...120).map { id -> PictureScores in
                let chosen = modelLabels.shuffled(using: &random).prefix(3)
                let raw = chosen.map { _ in Double.random(in: 0.05...1, using: &random) }
                let sum = raw.reduce(0, +)
                let label = Int.random(in: 0..<3, using: &random) == 0 ? ownLabels.randomElement(using: &random) : nil
                return picture(id, label, zip(chosen, raw).map { ($0, $1 / sum) })
            }
            for label in ["CHELSEA", "my desk", "cafe", "garden", "nobody's"] {
                let found = SuggestLabelsUseCase.candidates(for: label, among: pictures)
                let expected = pictures.filter { $0.userLabel == nil }.compactMap { picture -> (Int64, Double)? in
                    let suggestions = SuggestLabelsUseCase.vote(SuggestLabelsUseCase.nearest(to: picture, among: pictures))
                    return suggestions.first { ImageRules.sameLabel($0.label, label) }.map { (picture.imageID, $0.score) }
                }
                #expect(Set(found.suggested.map(\.imageID)) == Set(expected.map(\.0)), "seed \(seed), \(label)")
                for (id, score) in expected {
                    let listed = found.suggested.first { $0.imageID == id }?.suggestion.score ?? -1
                    #expect(abs(listed - score) < 1e-12, "seed \(seed), \(label), picture \(id)")
                }
                let scores = found.suggested.map(\.suggestion.score)
                #expect(scores == scores.sorted(by: >), "best first")
                #expect(found.labelled.count == pictures.filter { $0.userLabel.map { ImageRules.sameLabel($0, label) } ?? false }.count)
                listed += found.suggested.count
            }
        }
        #expect(listed > 100, "the accounts give the comparison something to compare: \(listed)")
    }

    @Test func onlyPicturesWithoutTheOwnersLabelAreListedBestFirstThenNewest() {
        let pictures = [
            picture(1, "Rex", [("retriever", 0.8), ("labrador", 0.2)]),
            picture(2, "Mittens", [("tabby", 0.9), ("retriever", 0.1)]),
            picture(3, nil, [("retriever", 0.7), ("labrador", 0.3)]),
            picture(4, nil, [("retriever", 0.7), ("labrador", 0.3)]),
            picture(5, "something else", [("retriever", 0.8), ("labrador", 0.2)]),
            picture(6, nil, [("tabby", 0.95), ("retriever", 0.05)]),
            picture(7, nil, [("labrador", 0.9), ("retriever", 0.1)]),
        ]
        let found = SuggestLabelsUseCase.candidates(for: " rex ".trimmingCharacters(in: .whitespaces), among: pictures)
        #expect(found.labelled.map(\.imageID) == [1])
        // 3 and 4: as alike to Rex as to "something else" (0.9 each): 0.5 of 1.8. 7: 0.3 alike to both, which is
        // less than 1 in all: 0.3. 6: only Mittens is alike.
        #expect(found.suggested.map(\.imageID) == [4, 3, 7])
        #expect(found.suggested.map { ($0.suggestion.score * 1000).rounded() / 1000 } == [0.5, 0.5, 0.3])
        #expect(found.suggested.first?.suggestion.pictures.map(\.imageID) == [1])
        #expect(SuggestLabelsUseCase.candidates(for: "nobody", among: pictures).suggested.isEmpty)
        // A shared label of score 0 adds nothing, and the picture still counts once.
        let zero = SuggestLabelsUseCase.candidates(for: "Rex", among: [
            picture(1, "Rex", [("retriever", 0.5), ("husky", 0)]), picture(2, nil, [("husky", 0), ("retriever", 0.4)]),
        ])
        #expect(zero.suggested.map(\.suggestion.pictures) == [[LabelledNeighbour(imageID: 1, label: "Rex", similarity: 0.4)]])
    }
}
