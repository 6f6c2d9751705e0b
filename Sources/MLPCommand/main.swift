import ArgumentParser

/// Temporary root command on the inference branch; the real `mlp` root command is built elsewhere.
struct MLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp", abstract: "MLP administration.", subcommands: [ClassifyCommand.self, Bench.self]
    )

    /// `mlp bench ...`.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Benchmarks.", subcommands: [BenchInferenceCommand.self])
    }
}

MLP.main()
