import Foundation

/// All models found in a models directory (one subfolder with a manifest.json each), and the default one.
public final class ModelRegistry: Sendable {
    /// Loaded models, sorted by name.
    public let models: [ImageModel]
    /// The model used when a request names none.
    public let defaultModel: ImageModel

    /// Loads every subfolder of `directory` that has a manifest.json (hidden ones, such as an import in progress,
    /// are skipped). The default is `defaultName` when
    /// given, else the first model by name. `verifySHA256` checks each model file when given.
    public init(
        directory: String, defaultName: String? = nil, options: NetworkOptions = NetworkOptions(),
        verifySHA256: (@Sendable ([UInt8]) -> String)? = nil
    ) throws {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: directory) else {
            throw InferenceError(.invalidManifest, "cannot list models directory \(directory)")
        }
        var models: [ImageModel] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let folder = (directory as NSString).appendingPathComponent(entry)
            guard manager.fileExists(atPath: (folder as NSString).appendingPathComponent("manifest.json")) else { continue }
            models.append(try ImageModel(directory: folder, options: options, verifySHA256: verifySHA256))
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
