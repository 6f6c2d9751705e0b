import Foundation

/// All models found in a models directory (one subfolder with a manifest.json each), and the default one.
public final class ModelRegistry: Sendable {
    /// Loaded models, sorted by name.
    public let models: [ImageModel]
    /// The model used when a request names none.
    public let defaultModel: ImageModel

    /// Loads every model folder of `directory` (``folders(in:)``). The default is `defaultName` when given, else
    /// the first model by name. `verifySHA256` checks each model file when given.
    public init(
        directory: String, defaultName: String? = nil, options: NetworkOptions = NetworkOptions(),
        verifySHA256: (@Sendable ([UInt8]) -> String)? = nil
    ) throws {
        var models = try Self.folders(in: directory).map { folder in
            try ImageModel(directory: folder, options: options, verifySHA256: verifySHA256)
        }
        models.sort { $0.name < $1.name }
        var seen = Set<String>()
        for model in models where !seen.insert(model.name).inserted {
            throw InferenceError(.invalidManifest, "two model folders are named '\(model.name)'")
        }
        guard let first = models.first else {
            throw InferenceError(.invalidManifest, "no model folder with a manifest.json in \(directory)")
        }
        if let defaultName {
            guard let chosen = models.first(where: { $0.name == defaultName }) else {
                throw InferenceError(.modelNotFound, "default model '\(defaultName)' is not in \(directory)")
            }
            defaultModel = chosen
        } else {
            defaultModel = first
        }
        self.models = models
    }

    /// The model folders of `directory`: its subfolders with a manifest.json, by folder name. Hidden ones, such
    /// as an import in progress, are skipped.
    public static func folders(in directory: String) throws -> [String] {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: directory) else {
            throw InferenceError(.invalidManifest, "cannot list models directory \(directory)")
        }
        return entries.sorted().filter { !$0.hasPrefix(".") }.map { (directory as NSString).appendingPathComponent($0) }
            .filter { manager.fileExists(atPath: ($0 as NSString).appendingPathComponent("manifest.json")) }
    }

    /// The manifest of each model folder of `directory`, read without loading the models.
    public static func manifests(in directory: String) throws -> [(folder: String, manifest: ModelManifest)] {
        try folders(in: directory).map { ($0, try ImageModel.manifest(in: $0)) }
    }

    /// The model shipped by setup, the default when none is configured.
    public static let shippedModel = "efficientnet-lite0"

    /// Which model is the default of `directory`: `configured` (`MLP_DEFAULT_MODEL`) when set, else the shipped
    /// model when the directory has it, else nil (the registry then takes the first by name). The server and
    /// every `mlp` command decide the same way, so an imported model never becomes the default by its name.
    public static func defaultName(configured: String?, in directory: String) -> String? {
        if let configured, !configured.isEmpty { return configured }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.contains(shippedModel) ? shippedModel : nil
    }

    /// The model called `name`, or the default when `name` is nil.
    public func model(named name: String?) throws -> ImageModel {
        guard let name else { return defaultModel }
        guard let model = models.first(where: { $0.name == name }) else {
            throw InferenceError(.modelNotFound, "no model named '\(name)'")
        }
        return model
    }
}
