import ArgumentParser
import Foundation
import Inference
import MLPData
import MLPDomain
import MLPInference
import MariaDB

/// `mlp models list|import|remove`: the models of the models directory (the server loads them at start).
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List, import, evaluate and remove image models.", subcommands: [List.self, Import.self, Evaluate.self, Remove.self]
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
                directory: models, defaultName: CommandModels.defaultName(defaultModel, in: models),
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

    /// `mlp models import FILE --name NAME --labels FILE ...`: checks an ONNX classifier and adds it as a model folder.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an ONNX image classifier and add it to the models directory.",
            discussion: """
                The model is compiled and run on a test picture as the server will run it, then written as a folder
                (model.onnx, labels.txt, manifest.json) next to the others; nothing is written when a check fails.
                Input size, input and output names come from the graph when it states them. --mean and --std are
                per channel (R,G,B) in 0...255 pixel units: the defaults are ImageNet's, as torchvision models expect;
                a model trained on (x - 127.5) / 127.5 takes --mean 127.5,127.5,127.5 --std 127.5,127.5,127.5.
                The server loads models at start and on SIGHUP: `scripts/app.sh reload` serves the new one without a
                restart (uploads with ?model=NAME, or the model choice of the upload page).
                """
        )

        @Argument(help: "The ONNX file (opset 6...17, float32 input N×3×H×W).")
        var file: String

        @Option(help: "Model name: a-z, 0-9, '.', '_', '-' (at most 64), as in ?model=NAME.")
        var name: String

        @Option(help: "Labels file: one class name per line, in class-index order.")
        var labels: String

        @Option(help: "Version label (stored with every prediction the model makes).")
        var version = "1"

        @Option(help: "Graph input to feed (default: the only one).")
        var input: String?

        @Option(help: "Graph output holding the class scores (default: the only one).")
        var output: String?

        @Option(name: .customLong("output-kind"), help: "logits (softmax applied) or probabilities.")
        var outputKind = "logits"

        @Option(help: "Input width and height in pixels, when the graph does not fix them.")
        var size: Int?

        @Option(name: .customLong("shorter-side"), help: "Shorter side before the centre crop (default: size × 8/7, e.g. 256 for 224).")
        var shorterSide: Int?

        @Option(help: "Per-channel mean in pixel units, R,G,B.")
        var mean = "123.675,116.28,103.53"

        @Option(help: "Per-channel standard deviation in pixel units, R,G,B.")
        var std = "58.395,57.12,57.375"

        @Option(help: "Where the weights come from (kept in the manifest).")
        var source: String?

        @Option(help: "Models directory (one folder per model).")
        var models = "models"

        @Flag(help: "Replace a model of the same name (its folder is swapped for the new one).")
        var replace = false

        @Flag(help: "Do not check the `models` table for a version recorded with another file.")
        var noDatabase = false

        func validate() throws {
            guard Self.channels(mean) != nil, Self.channels(std) != nil else {
                throw ValidationError("--mean and --std take three numbers separated by commas")
            }
            guard ["logits", "probabilities"].contains(outputKind) else {
                throw ValidationError("--output-kind is logits or probabilities")
            }
        }

        static func channels(_ text: String) -> [Float]? {
            let values = text.split(separator: ",").compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }
            return values.count == 3 && values.allSatisfy(\.isFinite) ? values : nil
        }

        func run() throws {
            guard let bytes = FileManager.default.contents(atPath: file) else { throw failure("cannot read \(file)") }
            guard let labelData = FileManager.default.contents(atPath: labels) else { throw failure("cannot read \(labels)") }
            guard let labelText = String(data: labelData, encoding: .utf8) else { throw failure("\(labels) is not UTF-8 text") }
            var request = ModelImport(modelBytes: [UInt8](bytes), labelsText: labelText, name: name, version: version)
            request.inputName = input
            request.outputName = output
            request.outputKind = outputKind
            request.width = size
            request.height = size
            request.shorterSide = shorterSide
            request.mean = Self.channels(mean) ?? request.mean
            request.std = Self.channels(std) ?? request.std
            request.source = source
            let digest = OpenSSLContentDigester.verifySHA256
            if !noDatabase { try checkRecordedVersion(sha256: digest([UInt8](bytes)).lowercased()) }
            let imported: ImportedModel
            do {
                imported = try ModelImporter.run(request, into: models, replace: replace, sha256: digest)
            } catch let error as InferenceError {
                throw failure(error.message)
            }
            let manifest = imported.manifest
            let replaced = imported.replacedVersion.map { " (replacing version \($0))" } ?? ""
            print("imported \(manifest.name) \(manifest.version) into \(imported.directory)\(replaced)")
            print("  \(imported.classes) classes; input '\(manifest.input.name)' \(manifest.input.width)×\(manifest.input.height) "
                + "(shorter side \(manifest.input.resize.shorterSide), centre crop); output '\(manifest.output.name)' (\(manifest.output.kind)); "
                + "sha256 \(manifest.sha256.prefix(12))…")
            print("  compiled and run on a grey test picture: scores finite")
            print("try it: mlp classify --model \(manifest.name) PICTURE.jpg")
            print("to serve it, reload the server (scripts/app.sh reload, or kill -HUP its pid); uploads then take ?model=\(manifest.name)")
        }

        /// Refuses a version the database already knows with another file: its predictions name the model by
        /// name and version, so a new file needs a new version.
        private func checkRecordedVersion(sha256: String) throws {
            let connection: Connection
            do {
                connection = try Connection(configuration: .fromEnvironment())
            } catch {
                throw failure("cannot reach the database to check the version (\(error)); --no-database skips the check")
            }
            let rows = try connection.query("SELECT sha256 FROM models WHERE name = \(name) AND version = \(version)")
            if let recorded = try rows.first?.decode(String.self, "sha256"), recorded.lowercased() != sha256 {
                throw failure("the database has predictions of \(name) \(version) made by another file; give this one a new --version")
            }
        }
    }

    /// `mlp models evaluate [--model NAME] [--user EMAIL]`: a model against the owners' own labels.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a model's labels with the labels owners gave their pictures.",
            discussion: """
                Runs the model on every picture that has a label of its owner's (PUT /api/v1/images/{id}/label, or
                "Your label" on the picture's page), stores nothing, and prints how often the model's top label is
                the owner's and how often it is among its top k, next to the same for the pictures' current
                predictions, and the most frequent disagreements. Labels compare without regard to case or accents.
                """
        )

        @Option(help: "Model name (default: MLP_DEFAULT_MODEL, else efficientnet-lite0).")
        var model: String?

        @Option(help: "Only the pictures of this account (its e-mail address).")
        var user: String?

        @Option(help: "At most this many pictures, the oldest labelled first.")
        var limit: Int?

        @Option(name: .customLong("top-k"), help: "How many of the model's labels count as 'among its labels' (1...20).")
        var topK = ImageRules.defaultTopK

        @Option(help: "Models directory (one folder per model).")
        var models = "models"

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            guard ImageRules.topKRange.contains(topK) else { throw ValidationError("--top-k is 1...20") }
        }

        func run() throws {
            let unitOfWork = try UsersCommand.unitOfWork()
            let classifier = try CommandModels.classifier(directory: models, model: model)
            let useCase = EvaluateModelUseCase(unitOfWork: unitOfWork, classifier: classifier)
            let output = try UsersCommand.reporting {
                let owner = try user.map { name in
                    try unitOfWork.read { try $0.users.requireActive(username: try Username(validating: name)) }.id
                }
                let pictures = try useCase.labelled(userID: owner, limit: limit)
                let progress = ProgressBar(total: pictures.count)
                defer { progress.finish() }
                return try useCase.execute(model: model, topK: topK, pictures: pictures) { progress.show(done: $0) }
            }
            for failure in output.failures { FileHandle.standardError.write(Data("  \(failure)\n".utf8)) }
            print(Self.report(output, topK: topK))
            if output.failed > 0 { throw ExitCode.failure }
        }

        static func report(_ output: EvaluateModelUseCase.Output, topK: Int) -> String {
            func share(_ count: Int) -> String {
                output.evaluated == 0 ? "\(count)" : "\(count) (" + String(format: "%.1f %%", Double(count) * 100 / Double(output.evaluated)) + ")"
            }
            var lines = ["evaluated \(output.model) on \(output.evaluated) labelled picture(s), \(output.failed) failed"]
            guard output.evaluated > 0 else {
                lines.append("no picture has a label of its owner's yet (PUT /api/v1/images/{id}/label, or \"Your label\" on its page)")
                return lines.joined(separator: "\n")
            }
            lines.append("  \(output.model): top label is the owner's \(share(output.topMatches)); among its top \(topK) \(share(output.anyMatches))")
            lines.append("  current predictions: top label is the owner's \(share(output.currentTopMatches)); among them \(share(output.currentAnyMatches))")
            if !output.mismatches.isEmpty {
                lines.append("most frequent disagreements (owner's label → \(output.model)'s top label):")
                lines += output.mismatches.map { "  \($0.said) → \($0.predicted) (\($0.count))" }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `mlp models remove NAME`: deletes a model folder (stored predictions keep naming it).
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a model folder from the models directory.",
            discussion: """
                The default model cannot be removed. Pictures keep the predictions the model made (history names
                it); re-classify them with another model with `mlp reclassify`. Reload the server afterwards (SIGHUP).
                """
        )

        @Argument(help: "Model name.")
        var name: String

        @Option(help: "Models directory (one folder per model).")
        var models = "models"

        @Option(help: "Default model name (as MLP_DEFAULT_MODEL).")
        var defaultModel: String?

        func run() throws {
            // The manifests are enough: no model is loaded to remove one (the registry's default is the first by name).
            let folders = try ModelRegistry.manifests(in: models)
            let names = folders.map(\.manifest.name)
            guard let model = folders.first(where: { $0.manifest.name == name }) else {
                throw failure("no model named '\(name)' in \(models) (it has \(names.sorted().joined(separator: ", ")))")
            }
            guard name != CommandModels.defaultName(defaultModel, in: models) ?? names.min() else {
                throw failure("\(name) is the default model; choose another default (MLP_DEFAULT_MODEL) first")
            }
            let retired = (models as NSString).appendingPathComponent(".removed-\(name)-\(UUID().uuidString)")
            try FileManager.default.moveItem(atPath: model.folder, toPath: retired)
            try FileManager.default.removeItem(atPath: retired)
            print("removed \(name) \(model.manifest.version) (\(model.folder)); reload the server (scripts/app.sh reload) to stop serving it")
        }
    }
}

/// Prints `mlp models: MESSAGE` to standard error and gives the exit code of a failed command.
private func failure(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("mlp models: \(message)\n".utf8))
    return ExitCode.failure
}
