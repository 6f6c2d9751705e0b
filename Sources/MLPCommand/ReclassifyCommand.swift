import ArgumentParser
import Foundation
import Inference
import MLPData
import MLPDomain
import MLPInference
import MariaDB

/// `mlp reclassify --model NAME (--all | --image ID)`: runs a model again on stored images, with a progress
/// bar and a summary of the labels gained and lost.
struct ReclassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclassify", abstract: "Run a model again on stored images; earlier predictions stay as history."
    )

    @Option(help: "Model name (a folder of the models directory).")
    var model: String

    @Flag(help: "Every image that is not deleted.")
    var all = false

    @Option(help: "One image id.")
    var image: Int64?

    @Option(name: .customLong("top-k"), help: "Predictions to store per image (1...20).")
    var topK = ImageRules.defaultTopK

    @Option(help: "Models directory (one folder per model).")
    var models = "models"

    func validate() throws {
        guard all != (image != nil) else { throw ValidationError("Give either --all or --image ID.") }
    }

    func run() throws {
        let unitOfWork = try UsersCommand.unitOfWork()
        let classifier = try CommandModels.classifier(directory: models, model: model)
        let useCase = ReclassifyImageUseCase(unitOfWork: unitOfWork, classifier: classifier)
        let ids = try image.map { [$0] } ?? allImageIDs(useCase)
        var gained: [String: Int] = [:], lost: [String: Int] = [:]
        var changed = 0, failed = 0
        let progress = ProgressBar(total: ids.count)
        for (index, id) in ids.enumerated() {
            do {
                let output = try useCase.execute(userID: nil, imageID: id, classification: ClassificationRequest(model: model, topK: topK))
                for label in output.gainedLabels { gained[label, default: 0] += 1 }
                for label in output.lostLabels { lost[label, default: 0] += 1 }
                if output.previous.first?.label != output.details.predictions.first?.label { changed += 1 }
            } catch let error as DomainError {
                failed += 1
                progress.note("image \(id): \(error.message)")
            }
            progress.show(done: index + 1)
        }
        progress.finish()
        print("re-classified \(ids.count - failed) of \(ids.count) image(s) with \(model); top label changed on \(changed); \(failed) failed")
        print(Self.summary("gained", gained))
        print(Self.summary("lost", lost))
        if failed > 0 { throw ExitCode.failure }
    }

    private func allImageIDs(_ useCase: ReclassifyImageUseCase) throws -> [Int64] {
        var ids: [Int64] = []
        while true {
            let page = try useCase.imageIDs(afterID: ids.last ?? 0, limit: 1000)
            ids += page
            if page.count < 1000 { return ids }
        }
    }

    /// `labels gained: espresso ×3, cup ×1` — the most frequent first, at most 15.
    static func summary(_ kind: String, _ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "labels \(kind): none" }
        let sorted = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        let shown = sorted.prefix(15).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        return "labels \(kind): \(shown)\(sorted.count > 15 ? ", … (\(sorted.count) labels)" : "")"
    }
}

/// A progress bar on standard error: redrawn in place on a terminal, a line per 10 % otherwise.
final class ProgressBar {
    let total: Int
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDecile = -1

    init(total: Int) { self.total = total }

    func show(done: Int) {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        if isTerminal {
            let filled = Int(fraction * 30)
            write("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(done)/\(total)")
        } else if Int(fraction * 10) > lastDecile {
            lastDecile = Int(fraction * 10)
            write("\(done)/\(total)\n")
        }
    }

    func note(_ text: String) { write((isTerminal ? "\r" : "") + text + "\n") }

    func finish() { if isTerminal { write("\n") } }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
