import Inference
import MLPDomain

/// The domain's ``ImageClassifier`` over the models of a `ModelRegistry`, with bounded concurrency.
///
/// Each inference runs on the calling worker thread with the network's own thread count (1 is best under
/// load: concurrency comes from the server's worker threads); the ``InferenceGate`` caps how many run at once.
public final class RegistryImageClassifier: ImageClassifier {
    /// The loaded models.
    public let registry: ModelRegistry
    /// The concurrency bound.
    public let gate: InferenceGate
    /// One explanation at a time: each holds an inference slot for `grid² + 1` runs of the model.
    public let explanations: InferenceGate
    public let models: [ModelDescriptor]
    private let classifiers: [String: Classifier]

    /// Wraps `registry`; decoding obeys `limits`. `explanations` defaults to one slot with `gate`'s wait.
    public init(registry: ModelRegistry, gate: InferenceGate, limits: ImageLimits = .default, explanations: InferenceGate? = nil) {
        self.registry = registry
        self.gate = gate
        self.explanations = explanations
            ?? InferenceGate(capacity: 1, maxWait: gate.maxWait, retryAfterSeconds: gate.retryAfterSeconds)
        var classifiers: [String: Classifier] = [:]
        for model in registry.models { classifiers[model.name] = Classifier(model: model, limits: limits) }
        self.classifiers = classifiers
        models = registry.models.map { Self.descriptor(of: $0, isDefault: $0 === registry.defaultModel) }
    }

    public func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification {
        let (classifier, descriptor) = try resolve(model)
        do {
            let results = try gate.run { try classifier.classify(imageBytes: bytes, topK: topK) }
            return Self.classification(by: descriptor, results)
        } catch let error as ImagingError {
            throw ImagingErrorMapping.map(error)
        }
    }

    /// Decodes once for both: at the smallest JPEG DCT scale that serves the model and the thumbnail, the
    /// thumbnail encoded after the inference slot is released.
    public func classify(_ bytes: [UInt8], model: String?, topK: Int, thumbnail: ThumbnailRequest) throws
        -> (classification: ImageClassification, thumbnail: [UInt8]?)
    {
        let (classifier, descriptor) = try resolve(model)
        do {
            let (results, image) = try gate.run { () throws -> ([Inference.Classification], RGBImage) in
                let info = try ImageDecoding.probe(bytes)
                let needed = Thumbnails.neededShorterSide(
                    width: info.width, height: info.height, longestSide: thumbnail.longestSide
                )
                let image = try classifier.decode(bytes, minimumShorterSide: needed)
                return (try classifier.classify(image: image, topK: topK), image)
            }
            let encoded = try Thumbnails.make(from: image, longestSide: thumbnail.longestSide, quality: thumbnail.quality)
            return (Self.classification(by: descriptor, results), encoded)
        } catch let error as ImagingError {
            throw ImagingErrorMapping.map(error)
        }
    }

    /// Decodes as for classifying, then runs the occlusion map in one inference slot, behind ``explanations``.
    public func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation {
        let (classifier, descriptor) = try resolve(model)
        if let classIndex, !(0..<descriptor.classCount).contains(classIndex) {
            throw DomainError.invalid(
                "class_index", "Must be the index of one of the model's classes, 0 to \(descriptor.classCount - 1)."
            )
        }
        guard classifier.occlusionGrids.contains(grid) else {
            throw DomainError.invalid(
                "grid", "Must be from 1 to \(classifier.occlusionGrids.upperBound), the shorter side of the model's input."
            )
        }
        do {
            let map = try explanations.run {
                try gate.run { try classifier.occlusionMap(of: classifier.decode(bytes), classIndex: classIndex, grid: grid) }
            }
            let found = map.classification
            return ImageExplanation(
                model: descriptor,
                score: ClassScore(classIndex: found.classIndex, label: found.label, score: Double(found.score)),
                rows: map.rows, columns: map.columns, drops: map.drops.map(Double.init),
                region: ImageRegion(x: map.region.x, y: map.region.y, width: map.region.width, height: map.region.height)
            )
        } catch let error as ImagingError {
            throw ImagingErrorMapping.map(error)
        }
    }

    /// The loaded classifier called `model` (nil: the default); `validation` (field `model`) when none is.
    private func resolve(_ model: String?) throws -> (Classifier, ModelDescriptor) {
        let chosen = model ?? registry.defaultModel.name
        guard let classifier = classifiers[chosen], let descriptor = models.first(where: { $0.name == chosen }) else {
            throw DomainError.invalid("model", "No model named '\(chosen)' is loaded; see GET /api/v1/models.")
        }
        return (classifier, descriptor)
    }

    private static func classification(by model: ModelDescriptor, _ results: [Inference.Classification]) -> ImageClassification {
        ImageClassification(
            model: model,
            scores: results.map { ClassScore(classIndex: $0.classIndex, label: $0.label, score: Double($0.score)) }
        )
    }

    /// How the domain sees a loaded model.
    static func descriptor(of model: ImageModel, isDefault: Bool) -> ModelDescriptor {
        let manifest = model.manifest
        return ModelDescriptor(
            name: manifest.name, version: manifest.version, sha256: manifest.sha256.lowercased(), task: manifest.task,
            isDefault: isDefault, classCount: model.labels.count, inputWidth: manifest.input.width,
            inputHeight: manifest.input.height
        )
    }
}
