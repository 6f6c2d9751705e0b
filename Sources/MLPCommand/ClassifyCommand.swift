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

    @Flag(help: "Also print where the model sees its top class: the drop of its score when each square of a grid is covered.")
    var explain = false

    @Option(help: "Squares per side of the --explain grid.")
    var grid = 7

    func validate() throws {
        guard (1...64).contains(grid) else { throw ValidationError("--grid must be from 1 to 64.") }
    }

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
                let image = try classifier.decode([UInt8](data))
                let results = try classifier.classify(image: image, topK: topK)
                print("\(file):")
                for (rank, result) in results.enumerated() {
                    let score = String(format: "%.4f", result.score)
                    print("  \(rank + 1). \(score)  \(result.label) (\(result.classIndex))")
                }
                if explain { try printExplanation(classifier, image) }
            } catch {
                print("\(file): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The occlusion map of the top class, one line per row of squares, in percentage points.
    private func printExplanation(_ classifier: Classifier, _ image: RGBImage) throws {
        guard classifier.occlusionGrids.contains(grid) else {
            throw ValidationError("--grid must be at most \(classifier.occlusionGrids.upperBound), the shorter side of the model's input.")
        }
        let map = try classifier.occlusionMap(of: image, classIndex: nil, grid: grid)
        let region = map.region
        func percent(_ fraction: Double) -> String { String(format: "%.1f %%", fraction * 100) }
        print("  where the model sees \(map.classification.label): points its score falls (+) or rises (-) when a square is covered;")
        print("  the \(map.rows) × \(map.columns) squares cover \(percent(region.width)) × \(percent(region.height)) of the picture from \(percent(region.x)), \(percent(region.y))")
        for row in 0..<map.rows {
            let cells = map.drops[(row * map.columns)..<((row + 1) * map.columns)]
            print("    " + cells.map { String(format: "%+6.1f", $0 * 100) }.joined(separator: " "))
        }
    }
}
