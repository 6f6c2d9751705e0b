import ArgumentParser
import Foundation
import Inference

/// `mlp classify FILE...`: prints the top classes of each image.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify", abstract: "Classify images with a model from the models directory."
    )

    @Argument(help: "JPEG or PNG files.")
    var files: [String]

    @Option(help: "Models directory (one folder per model).")
    var models = "models"

    @Option(help: "Model name (default: MLP_DEFAULT_MODEL, else efficientnet-lite0).")
    var model: String?

    @Option(name: .customLong("top-k"), help: "Number of classes to print.")
    var topK = 5

    @Option(help: "Threads per inference.")
    var threads = 1

    func run() throws {
        let registry = try ModelRegistry(
            directory: models, defaultName: CommandModels.defaultName(model, in: models), options: NetworkOptions(threads: threads)
        )
        let classifier = Classifier(model: registry.defaultModel)
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read file")
                failed = true
                continue
            }
            do {
                let results = try classifier.classify(imageBytes: [UInt8](data), topK: topK)
                print("\(file):")
                for (rank, result) in results.enumerated() {
                    let score = String(format: "%.4f", result.score)
                    print("  \(rank + 1). \(score)  \(result.label) (\(result.classIndex))")
                }
            } catch {
                print("\(file): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
