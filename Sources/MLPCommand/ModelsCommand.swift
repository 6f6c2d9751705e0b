import ArgumentParser
import Foundation
import Inference
import MLPData
import MLPDomain
import MariaDB

/// `mlp models list`: the models in the models directory and the rows of the `models` table.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List image models.", subcommands: [List.self]
    )

    /// `mlp models list [--models DIR] [--no-database]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the models on disk and those recorded in the database.")

        @Option(help: "Models directory (one folder per model).")
        var models = "models"

        @Option(help: "Default model name (as MLP_DEFAULT_MODEL).")
        var defaultModel: String?

        @Flag(help: "Do not read the database.")
        var noDatabase = false

        func run() throws {
            let registry = try ModelRegistry(
                directory: models, defaultName: defaultModel ?? ProcessInfo.processInfo.environment["MLP_DEFAULT_MODEL"],
                verifySHA256: OpenSSLContentDigester.verifySHA256
            )
            print("on disk (\(models)):")
            for model in registry.models {
                let manifest = model.manifest
                let mark = model === registry.defaultModel ? " (default)" : ""
                print("  \(manifest.name) \(manifest.version)\(mark)  \(manifest.task)  \(model.labels.count) classes  "
                    + "\(manifest.input.width)×\(manifest.input.height)  sha256 \(manifest.sha256.prefix(12))…  checksum ok")
            }
            guard !noDatabase else { return }
            let connection = try Connection(configuration: .fromEnvironment())
            let rows = try connection.query("""
                SELECT m.id, m.name, m.version, m.is_default, m.created_at,
                       (SELECT COUNT(DISTINCT p.image_id) FROM predictions p WHERE p.model_id = m.id AND p.is_current) AS images
                FROM models m ORDER BY m.name, m.version
                """)
            print("in the database:")
            for row in rows {
                let mark = try row.decode(Bool.self, "is_default") ? " (default)" : ""
                print("  #\(try row.decode(Int64.self, "id")) \(try row.decode(String.self, "name")) \(try row.decode(String.self, "version"))"
                    + "\(mark)  current predictions on \(try row.decode(Int.self, "images")) image(s)")
            }
            if rows.isEmpty { print("  none yet (the server records its models at start)") }
        }
    }
}
