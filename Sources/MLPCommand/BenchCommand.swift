import ArgumentParser

/// `mlp bench`: micro-benchmarks of the platform's parts.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the platform's parts.", subcommands: [BenchDBCommand.self, BenchInferenceCommand.self])
}
