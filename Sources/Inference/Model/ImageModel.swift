import Foundation

/// A loaded model folder: manifest, class labels and the compiled network.
public final class ImageModel: Sendable {
    /// The folder's manifest.
    public let manifest: ModelManifest
    /// Class names, index = class index.
    public let labels: [String]
    /// The compiled network.
    public let network: Network
    /// Folder the model was loaded from.
    public let directory: String

    /// Model name from the manifest.
    public var name: String { manifest.name }

    /// Loads `directory/manifest.json`, the labels and the ONNX file; `verifySHA256` (bytes → lower-case
    /// hex digest) checks the file against the manifest when given.
    public init(
        directory: String, options: NetworkOptions = NetworkOptions(),
        verifySHA256: (@Sendable ([UInt8]) -> String)? = nil
    ) throws {
        let folder = URL(fileURLWithPath: directory)
        let manifest = try Self.manifest(in: directory)
        try manifest.validate()
        labels = Self.labelLines(String(decoding: try Self.read(folder.appendingPathComponent(manifest.labels)), as: UTF8.self))
        let bytes = [UInt8](try Self.read(folder.appendingPathComponent(manifest.file)))
        if let verifySHA256 {
            let digest = verifySHA256(bytes).lowercased()
            guard digest == manifest.sha256.lowercased() else {
                throw InferenceError(
                    .checksumMismatch, "model '\(manifest.name)': \(manifest.file) has SHA-256 \(digest), manifest says \(manifest.sha256)"
                )
            }
        }
        var options = options
        options.inputShapes[manifest.input.name] = [1, 3, manifest.input.height, manifest.input.width]
        network = try Network(modelBytes: bytes, options: options)
        guard network.inputs.count == 1, network.inputs[0].name == manifest.input.name else {
            throw InferenceError(
                .invalidManifest, "model '\(manifest.name)': network inputs \(network.inputs.map(\.name)) do not match '\(manifest.input.name)'"
            )
        }
        guard let output = network.outputs.first(where: { $0.name == manifest.output.name }) else {
            throw InferenceError(.invalidManifest, "model '\(manifest.name)': no network output named '\(manifest.output.name)'")
        }
        let classes = output.shape.reduce(1, *)
        guard classes == labels.count else {
            throw InferenceError(
                .invalidManifest, "model '\(manifest.name)': \(labels.count) labels for \(classes) output classes"
            )
        }
        self.manifest = manifest
        self.directory = directory
    }

    /// The decoded (not yet validated) `manifest.json` of the model folder `directory`.
    static func manifest(in directory: String) throws -> ModelManifest {
        let data = try read(URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"))
        do {
            return try JSONDecoder().decode(ModelManifest.self, from: data)
        } catch {
            throw InferenceError(.invalidManifest, "\(directory)/manifest.json: \(error)")
        }
    }

    /// The class names of a labels file: one per line, surrounding blanks trimmed, trailing blank lines ignored.
    static func labelLines(_ text: String) -> [String] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .reversed().drop(while: \.isEmpty).reversed())
    }

    private static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InferenceError(.invalidManifest, "cannot read \(url.path)")
        }
        return data
    }
}
