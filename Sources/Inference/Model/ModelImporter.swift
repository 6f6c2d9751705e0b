import Foundation

/// What `ModelImporter` is asked to add: an ONNX image classifier, its class names and how to feed it.
/// Unset fields are taken from the graph where it says them (its only input and output, a fixed input size).
public struct ModelImport: Sendable {
    /// The ONNX file's bytes.
    public var modelBytes: [UInt8]
    /// The labels file's text, one class name per line in class-index order.
    public var labelsText: String
    /// Model name: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    public var name: String
    /// Version label: letters, digits, `.`, `_`, `+` and `-`.
    public var version: String
    /// Graph input to feed (default: the graph's only input).
    public var inputName: String?
    /// Graph output read as class scores (default: the graph's only output).
    public var outputName: String?
    /// Input width and height in pixels (default: the input's declared size).
    public var width: Int?
    public var height: Int?
    /// Shorter side the picture is scaled to before the centre crop (default: the input size × 8/7).
    public var shorterSide: Int?
    /// Per-channel mean and standard deviation in 0...255 pixel units.
    public var mean: [Float]
    public var std: [Float]
    /// "logits" (softmax applied) or "probabilities".
    public var outputKind: String
    /// Where the weights came from (free text, kept in the manifest).
    public var source: String?

    /// An import with ImageNet's usual normalisation and logits output.
    public init(modelBytes: [UInt8], labelsText: String, name: String, version: String = "1") {
        self.modelBytes = modelBytes
        self.labelsText = labelsText
        self.name = name
        self.version = version
        mean = [123.675, 116.28, 103.53]
        std = [58.395, 57.12, 57.375]
        outputKind = "logits"
    }
}

/// What an import wrote.
public struct ImportedModel: Sendable {
    /// The written manifest.
    public let manifest: ModelManifest
    /// Folder the model now lives in.
    public let directory: String
    /// Number of classes.
    public let classes: Int
    /// Version of the model folder this import replaced, if any.
    public let replacedVersion: String?
}

/// Checks an ONNX classifier by compiling and running it the way the server will, then writes it as a model
/// folder (`model.onnx`, `labels.txt`, `manifest.json`) of a models directory. The folder is prepared under a
/// hidden name and renamed into place, so a failed import leaves the directory as it was and a server never
/// sees half a model.
public enum ModelImporter {
    /// Longest model name and version (the `models` table allows 100; names also appear in URLs).
    public static let maximumNameLength = 64
    /// Largest input width or height (classifiers take a few hundred pixels).
    public static let maximumInputSize = 2048
    /// Longest label in characters (the `predictions.label` column).
    public static let maximumLabelLength = 255

    /// Imports into `directory`. An existing model of the same name is an error unless `replace` is set; a
    /// replacement needs a new version when its file differs (stored predictions name the model by version).
    public static func run(
        _ request: ModelImport, into directory: String, replace: Bool = false,
        sha256: @escaping @Sendable ([UInt8]) -> String
    ) throws -> ImportedModel {
        try checkName(request.name, what: "name", pattern: isNameCharacter)
        guard let first = request.name.unicodeScalars.first, isLowerAlphanumeric(first) else {
            throw InferenceError(.invalidManifest, "the name must start with a lower-case letter or a digit")
        }
        try checkName(request.version, what: "version", pattern: isVersionCharacter)
        let labels = try parseLabels(request.labelsText)
        let manifest = try manifest(for: request, sha256: sha256(request.modelBytes).lowercased())

        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw InferenceError(.invalidManifest, "models directory \(directory) does not exist")
        }
        let existing = try existingFolder(named: request.name, in: directory)
        if let existing {
            guard replace else {
                throw InferenceError(
                    .invalidManifest,
                    "a model named '\(request.name)' is already in \(existing.folder) (version \(existing.manifest.version)); "
                        + "pass --replace to replace it"
                )
            }
            if existing.manifest.version == manifest.version, existing.manifest.sha256.lowercased() != manifest.sha256 {
                throw InferenceError(
                    .invalidManifest,
                    "version \(manifest.version) of '\(request.name)' is another file; give the new one its own --version"
                )
            }
        }

        let staging = (directory as NSString).appendingPathComponent(".import-\(request.name)-\(UUID().uuidString)")
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        var keepStaging = false
        defer { if !keepStaging { try? manager.removeItem(atPath: staging) } }
        let classes = try write(manifest, request: request, labels: labels, into: staging, sha256: sha256)

        let target = (directory as NSString).appendingPathComponent(request.name)
        if let existing {
            let retired = (directory as NSString).appendingPathComponent(".replaced-\(request.name)-\(UUID().uuidString)")
            try move(existing.folder, to: retired)
            do {
                try move(staging, to: target)
            } catch {
                try? move(retired, to: existing.folder)
                throw error
            }
            try? manager.removeItem(atPath: retired)
        } else {
            guard !manager.fileExists(atPath: target) else {
                throw InferenceError(.invalidManifest, "\(target) already exists; choose another name")
            }
            try move(staging, to: target)
        }
        keepStaging = true
        return ImportedModel(manifest: manifest, directory: target, classes: classes, replacedVersion: existing?.manifest.version)
    }

    /// The manifest for `request`, with what the request leaves out read from the graph.
    static func manifest(for request: ModelImport, sha256: String) throws -> ModelManifest {
        let graph = try ONNXModelLoader.load(request.modelBytes)
        let input = try pick(request.inputName, from: graph.inputs.map(\.name), what: "input", option: "--input")
        let output = try pick(request.outputName, from: graph.outputs, what: "output", option: "--output")
        let declared = graph.inputs.first { $0.name == input }?.shape ?? []
        guard declared.isEmpty || declared.count == 4 else {
            throw InferenceError(.invalidModel, "input '\(input)' has \(declared.count) dimensions; an image classifier takes N×3×H×W")
        }
        if declared.count == 4, let channels = declared[1], channels != 3 {
            throw InferenceError(.invalidModel, "input '\(input)' has \(channels) channels; only RGB (3) is supported")
        }
        func size(_ given: Int?, declared index: Int, what: String) throws -> Int {
            let fixed = declared.count == 4 ? declared[index] : nil
            if let given {
                guard (1...maximumInputSize).contains(given) else {
                    throw InferenceError(.invalidManifest, "the input \(what) must be between 1 and \(maximumInputSize)")
                }
                if let fixed, fixed != given {
                    throw InferenceError(.invalidManifest, "input '\(input)' is \(fixed) pixels in \(what), not \(given)")
                }
                return given
            }
            guard let fixed else {
                throw InferenceError(.invalidManifest, "input '\(input)' does not fix its \(what); give --size")
            }
            guard fixed <= maximumInputSize else {
                throw InferenceError(.invalidManifest, "input '\(input)' is \(fixed) pixels in \(what), more than \(maximumInputSize)")
            }
            return fixed
        }
        let height = try size(request.height, declared: 2, what: "height")
        let width = try size(request.width, declared: 3, what: "width")
        let shorterSide = request.shorterSide ?? (min(width, height) * 8 + 6) / 7
        guard shorterSide <= 2 * maximumInputSize else {
            throw InferenceError(.invalidManifest, "the shorter side must be at most \(2 * maximumInputSize) pixels")
        }
        var manifest = ModelManifest(
            name: request.name, version: request.version, task: "image-classification", format: "onnx",
            file: "model.onnx", sha256: sha256, labels: "labels.txt",
            input: .init(
                name: input, layout: "NCHW", channels: "RGB", height: height, width: width,
                mean: request.mean, std: request.std, resize: .init(shorterSide: shorterSide, crop: "center")
            ),
            output: .init(name: output, kind: request.outputKind),
            source: request.source
        )
        if manifest.source?.isEmpty == true { manifest.source = nil }
        try manifest.validate()
        return manifest
    }

    /// Class names from a labels file, read as ``ImageModel`` reads them, each checked.
    static func parseLabels(_ text: String) throws -> [String] {
        let lines = ImageModel.labelLines(text)
        guard !lines.isEmpty else { throw InferenceError(.invalidManifest, "the labels file has no labels") }
        for (index, label) in lines.enumerated() {
            guard !label.isEmpty else { throw InferenceError(.invalidManifest, "line \(index + 1) of the labels file is empty") }
            guard label.count <= maximumLabelLength else {
                throw InferenceError(.invalidManifest, "line \(index + 1) of the labels file is longer than \(maximumLabelLength) characters")
            }
            guard !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw InferenceError(.invalidManifest, "line \(index + 1) of the labels file has a control character")
            }
        }
        return lines
    }

    /// Writes the folder's files and loads it as the server would; returns the number of classes.
    private static func write(
        _ manifest: ModelManifest, request: ModelImport, labels: [String], into folder: String,
        sha256: @escaping @Sendable ([UInt8]) -> String
    ) throws -> Int {
        let url = URL(fileURLWithPath: folder)
        try Data(request.modelBytes).write(to: url.appendingPathComponent(manifest.file))
        try Data((labels.joined(separator: "\n") + "\n").utf8).write(to: url.appendingPathComponent(manifest.labels))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        try (encoder.encode(manifest) + Data("\n".utf8)).write(to: url.appendingPathComponent("manifest.json"))

        let model = try ImageModel(directory: folder, verifySHA256: sha256)
        let input = model.manifest.input
        let grey = [Float](repeating: 0, count: 3 * input.height * input.width).enumerated().map { index, _ in
            let channel = index / (input.height * input.width)
            return (128 - input.mean[channel]) / input.std[channel]
        }
        let outputs = try model.network.run([input.name: Tensor(shape: [1, 3, input.height, input.width], values: grey)])
        guard let scores = outputs[model.manifest.output.name]?.values, scores.count == model.labels.count else {
            throw InferenceError(.invalidModel, "the model gave no scores for a grey test picture")
        }
        guard scores.allSatisfy(\.isFinite) else {
            throw InferenceError(.invalidModel, "the model's scores for a grey test picture are not all finite numbers")
        }
        if model.manifest.output.kind == "probabilities" {
            guard scores.allSatisfy({ $0 >= -1e-3 && $0 <= 1 + 1e-3 }), abs(scores.reduce(0, +) - 1) < 0.01 else {
                throw InferenceError(
                    .invalidManifest, "output '\(model.manifest.output.name)' does not look like probabilities (they should sum to 1); "
                        + "use --output-kind logits"
                )
            }
        }
        return model.labels.count
    }

    /// The folder (and manifest) of `directory` whose manifest is named `name`, if any.
    private static func existingFolder(named name: String, in directory: String) throws -> (folder: String, manifest: ModelManifest)? {
        try ModelRegistry.manifests(in: directory).first { $0.manifest.name == name }
    }

    private static func pick(_ given: String?, from names: [String], what: String, option: String) throws -> String {
        if let given {
            guard names.contains(given) else {
                throw InferenceError(.invalidManifest, "the graph has no \(what) named '\(given)' (it has \(names.joined(separator: ", ")))")
            }
            return given
        }
        guard names.count == 1 else {
            throw InferenceError(.invalidManifest, "the graph has \(names.count) \(what)s (\(names.joined(separator: ", "))); choose one with \(option)")
        }
        return names[0]
    }

    private static func checkName(_ value: String, what: String, pattern: (Unicode.Scalar) -> Bool) throws {
        guard !value.isEmpty, value.unicodeScalars.count <= maximumNameLength, value.unicodeScalars.allSatisfy(pattern) else {
            throw InferenceError(
                .invalidManifest,
                "the \(what) '\(value)' is not 1 to \(maximumNameLength) of "
                    + (what == "name" ? "a-z, 0-9, '.', '_', '-'" : "A-Z, a-z, 0-9, '.', '_', '+', '-'")
            )
        }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLowerAlphanumeric(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }

    private static func isVersionCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameCharacter(scalar) || ("A"..."Z").contains(scalar) || scalar == "+"
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            throw InferenceError(.invalidManifest, "cannot rename \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }
}
