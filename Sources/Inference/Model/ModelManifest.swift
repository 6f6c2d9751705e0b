/// The `manifest.json` of a model folder: what the model is and how to feed it.
public struct ModelManifest: Codable, Sendable, Equatable {
    /// How images are turned into the input tensor.
    public struct Input: Codable, Sendable, Equatable {
        /// Graph input name.
        public var name: String
        /// Tensor layout; only "NCHW" is supported.
        public var layout: String
        /// Channel order; only "RGB" is supported.
        public var channels: String
        /// Input height in pixels.
        public var height: Int
        /// Input width in pixels.
        public var width: Int
        /// Per-channel mean in 0...255 pixel units.
        public var mean: [Float]
        /// Per-channel standard deviation in 0...255 pixel units.
        public var std: [Float]
        /// Resize rule applied before cropping.
        public var resize: Resize
    }

    /// Shorter side scaled to a size, then a crop of the input size.
    public struct Resize: Codable, Sendable, Equatable {
        /// Target length of the shorter image side.
        public var shorterSide: Int
        /// Crop position; only "center" is supported.
        public var crop: String

        enum CodingKeys: String, CodingKey {
            case shorterSide = "shorter_side"
            case crop
        }
    }

    /// The graph output read as class scores.
    public struct Output: Codable, Sendable, Equatable {
        /// Graph output name.
        public var name: String
        /// "logits" (softmax applied) or "probabilities" (used as they are).
        public var kind: String
    }

    /// Model name, unique in a registry.
    public var name: String
    /// Model version label.
    public var version: String
    /// Task; only "image-classification" is supported.
    public var task: String
    /// File format; only "onnx" is supported.
    public var format: String
    /// Model file name inside the folder.
    public var file: String
    /// Lower-case hex SHA-256 of the model file.
    public var sha256: String
    /// Labels file name inside the folder (one class name per line).
    public var labels: String
    /// Input description.
    public var input: Input
    /// Output description.
    public var output: Output
    /// Where the weights came from.
    public var source: String?

    /// Checks the fields this engine depends on.
    public func validate() throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw InferenceError(.invalidManifest, "model '\(name)': \(message)") }
        }
        try require(task == "image-classification", "task '\(task)' is not supported")
        try require(format == "onnx", "format '\(format)' is not supported")
        try require(input.layout == "NCHW", "input layout '\(input.layout)' is not supported")
        try require(input.channels == "RGB", "input channels '\(input.channels)' are not supported")
        try require(input.mean.count == 3 && input.std.count == 3, "mean and std need 3 values")
        try require(input.std.allSatisfy { $0 > 0 }, "std values must be positive")
        try require(input.width > 0 && input.height > 0, "input size must be positive")
        try require(input.resize.shorterSide >= min(input.width, input.height), "resize.shorter_side is below the crop size")
        try require(input.resize.crop == "center", "crop '\(input.resize.crop)' is not supported")
        try require(["logits", "probabilities"].contains(output.kind), "output kind '\(output.kind)' is not supported")
        try require(!file.contains("/") && !labels.contains("/"), "file names must not contain '/'")
    }
}
