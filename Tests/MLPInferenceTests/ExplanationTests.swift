import Foundation
import Inference
import MLPDomain
import MLPInference
import Testing

@Suite struct ExplanationTests {
    static let modelsDirectory = RegistryImageClassifierTests.modelsDirectory
    static let haveModel = FileManager.default.fileExists(atPath: modelsDirectory + "/efficientnet-lite0/manifest.json")

    /// The coffee photo of the end-to-end tests (450×300, "espresso") in the top left corner of a 600×600
    /// grey picture: the cup fills the top half of what the model reads, the bottom half is grey.
    static func cupInTheCorner() throws -> [UInt8] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EndToEndTests/Fixtures/coffee.jpg").path
        let coffee = try ImageDecoding.decode(Array(try #require(FileManager.default.contents(atPath: path))))
        var pixels = [UInt8](repeating: 128, count: 600 * 600 * 3)
        for y in 0..<coffee.height {
            pixels.replaceSubrange(
                (y * 600 * 3)..<(y * 600 * 3 + coffee.width * 3),
                with: coffee.pixels[(y * coffee.width * 3)..<((y + 1) * coffee.width * 3)]
            )
        }
        return try JPEGEncoding.encode(RGBImage(width: 600, height: 600, pixels: pixels), quality: 95)
    }

    static func classifier(explanations: InferenceGate? = nil) throws -> RegistryImageClassifier {
        let registry = try ModelRegistry(directory: modelsDirectory, defaultName: "efficientnet-lite0")
        return RegistryImageClassifier(registry: registry, gate: InferenceGate(capacity: 1, maxWait: 1), explanations: explanations)
    }

    @Test(.enabled(if: haveModel)) func theCellsOverTheCupMatterAndTheGreyOnesDoNot() throws {
        let classifier = try Self.classifier()
        let bytes = try Self.cupInTheCorner()
        let top = try classifier.classify(bytes, model: nil, topK: 2).scores
        #expect(top[0].label == "espresso")
        let explanation = try classifier.explain(bytes, model: nil, classIndex: nil, grid: 6)
        // Without a class: the model's most likely one, with the probability classifying gives.
        #expect(explanation.score.classIndex == top[0].classIndex && explanation.score.label == "espresso")
        #expect(abs(explanation.score.score - top[0].score) < 1e-6)
        #expect(explanation.model.name == "efficientnet-lite0")
        #expect(explanation.rows == 6 && explanation.columns == 6 && explanation.drops.count == 36)
        // 600×600 is resized to 256×256 and its centre 224×224 read: 16 of 256 cut on every side.
        #expect(explanation.region == ImageRegion(x: 0.0625, y: 0.0625, width: 0.875, height: 0.875))
        let rows = explanation.dropRows
        // Covering parts of the cup moves the score (down, or up where a part hides the rest of it); covering
        // grey next to grey hardly does.
        let cup = (0..<3).flatMap { rows[$0][0..<3] }.map(abs).reduce(0, +)
        let grey = (3..<6).flatMap { rows[$0][3..<6] }.map(abs).reduce(0, +)
        #expect(cup > 0.2, "covering the cup changes the score: \(rows)")
        #expect(cup > 10 * grey, "the grey quarter hardly matters: \(rows)")
        let largest = try #require(explanation.drops.indices.max { explanation.drops[$0] < explanation.drops[$1] })
        #expect(largest / 6 < 3, "the cell that matters most is over the cup: \(rows)")
        // Another class on request: the second most likely, with its own probability.
        let second = try classifier.explain(bytes, model: nil, classIndex: top[1].classIndex, grid: 2)
        #expect(second.score.classIndex == top[1].classIndex && abs(second.score.score - top[1].score) < 1e-6)
        #expect(second.drops.count == 4)
    }

    @Test(.enabled(if: haveModel)) func refusesWhatItCannotExplain() throws {
        let gate = InferenceGate(capacity: 1, maxWait: 0)
        let classifier = try Self.classifier(explanations: gate)
        let bytes = try GeneratedPictures.jpeg(width: 300, height: 300)
        let classIndex = try #require(throws: DomainError.self) { try classifier.explain(bytes, model: nil, classIndex: 1000, grid: 4) }
        #expect(classIndex.fieldErrors.map(\.field) == ["class_index"])
        let grid = try #require(throws: DomainError.self) { try classifier.explain(bytes, model: nil, classIndex: nil, grid: 225) }
        #expect(grid.fieldErrors.map(\.field) == ["grid"])
        let model = try #require(throws: DomainError.self) { try classifier.explain(bytes, model: "nope", classIndex: nil, grid: 4) }
        #expect(model.fieldErrors.map(\.field) == ["model"])
        let text = try #require(throws: DomainError.self) { try classifier.explain(Array("text".utf8), model: nil, classIndex: nil, grid: 4) }
        #expect(text.code == .unsupportedMediaType)
        // One explanation at a time: a second one while the first runs is refused as busy.
        let busy = try #require(throws: DomainError.self) {
            try gate.run { try classifier.explain(bytes, model: nil, classIndex: nil, grid: 2) }
        }
        #expect(busy.code == .unavailable && busy.retryAfterSeconds == 1)
    }

    /// What the explanation running on its own thread ended with (written before `done` is signalled).
    final class Outcome: @unchecked Sendable {
        var cells: Int?
        var error: (any Error)?
        let done = DispatchSemaphore(value: 0)
    }

    @Test(.enabled(if: haveModel)) func aRunningExplanationHoldsOneSlotAndLeavesTheOthersToUploads() throws {
        let gate = InferenceGate(capacity: 2, maxWait: 0)
        let registry = try ModelRegistry(directory: Self.modelsDirectory, defaultName: "efficientnet-lite0")
        let classifier = RegistryImageClassifier(registry: registry, gate: gate, explanations: InferenceGate(capacity: 1, maxWait: 0))
        let bytes = try GeneratedPictures.jpeg(width: 300, height: 300)
        // The largest grid, 101 passes, on a thread of its own (not a task: the other tests can hold every thread
        // of the cooperative pool for minutes), long enough to act while it runs.
        let outcome = Outcome()
        Thread {
            do { outcome.cells = try classifier.explain(bytes, model: nil, classIndex: nil, grid: 10).drops.count } catch { outcome.error = error }
            outcome.done.signal()
        }.start()
        let deadline = Date().addingTimeInterval(120)
        while gate.inFlight == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(gate.inFlight == 1, "the explanation holds one slot, not every slot")
        // An upload's classification gets the other slot at once; a second explanation is refused as busy.
        #expect(try classifier.classify(bytes, model: nil, topK: 1).scores.count == 1)
        let second = try #require(throws: DomainError.self) { try classifier.explain(bytes, model: nil, classIndex: nil, grid: 2) }
        #expect(second.code == .unavailable)
        #expect(gate.inFlight == 1, "still running: the checks above ran beside it")
        outcome.done.wait()
        #expect(outcome.error == nil && outcome.cells == 100)
        #expect(gate.inFlight == 0)
    }
}
