/// Image bytes → top-k classes: decode (with limits), resize and crop, normalise, forward pass, softmax.
/// Thread-safe; concurrent calls run in parallel on the network's context pool.
public final class Classifier: Sendable {
    /// The model this classifier runs.
    public let model: ImageModel
    /// Limits checked before decoding.
    public let limits: ImageLimits
    private let preprocessing: Preprocessing

    /// A classifier for `model` with decode limits.
    public init(model: ImageModel, limits: ImageLimits = .default) {
        self.model = model
        self.limits = limits
        let input = model.manifest.input
        preprocessing = Preprocessing(
            shorterSide: input.resize.shorterSide, cropWidth: input.width, cropHeight: input.height,
            mean: input.mean, std: input.std
        )
    }

    /// Classifies an encoded JPEG or PNG image; throws `ImagingError` for bad images.
    public func classify(imageBytes: [UInt8], topK: Int = 5) throws -> [Classification] {
        try classify(image: decode(imageBytes), topK: topK)
    }

    /// Decodes an encoded JPEG or PNG image within the limits, no smaller than the model's preprocessing
    /// needs nor than `minimumShorterSide` (a JPEG is decoded at the smallest DCT scale that keeps both).
    public func decode(_ imageBytes: [UInt8], minimumShorterSide: Int = 1) throws -> RGBImage {
        try ImageDecoding.decode(
            imageBytes, limits: limits,
            minimumShorterSide: max(model.manifest.input.resize.shorterSide, minimumShorterSide)
        )
    }

    /// Classifies a decoded image.
    public func classify(image: RGBImage, topK: Int = 5) throws -> [Classification] {
        try classify(tensor: preprocessing.tensor(from: image), topK: topK)
    }

    /// Classifies an already preprocessed 1×3×H×W tensor.
    public func classify(tensor: [Float], topK: Int = 5) throws -> [Classification] {
        let probabilities = try probabilities(of: tensor)
        return Self.top(topK, of: probabilities).map {
            Classification(classIndex: $0, label: model.labels[$0], score: probabilities[$0])
        }
    }

    /// The preprocessed 1×3×H×W tensor of a decoded image.
    func tensor(from image: RGBImage) -> [Float] {
        preprocessing.tensor(from: image)
    }

    /// Where in `image` the model's input comes from (the centre crop), as fractions of its width and height.
    public func inputRegion(of image: RGBImage) -> PictureRegion {
        preprocessing.cropRegion(width: image.width, height: image.height)
    }

    /// The probability of every class for a preprocessed 1×3×H×W tensor.
    func probabilities(of tensor: [Float]) throws -> [Float] {
        let outputs = try model.network.run([
            model.manifest.input.name: Tensor(
                shape: [1, 3, model.manifest.input.height, model.manifest.input.width], values: tensor
            ),
        ])
        guard let scores = outputs[model.manifest.output.name]?.values else {
            throw InferenceError(.invalidManifest, "network produced no '\(model.manifest.output.name)'")
        }
        return model.manifest.output.kind == "logits" ? Softmax.apply(scores) : scores
    }

    /// Indices of the `k` largest values, largest first (ties by lower index).
    static func top(_ k: Int, of values: [Float]) -> [Int] {
        let count = max(0, min(k, values.count))
        return values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            .prefix(count).map { $0 }
    }
}
