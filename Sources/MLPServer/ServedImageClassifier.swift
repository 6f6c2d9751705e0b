import Dispatch
import MLPAPI
import MLPDomain
import MLPInference
import Synchronization

/// The classifier the server answers with: the registry-backed classifier of the moment, replaced whole when
/// the models are reloaded (requests in flight finish on the one they started with), and inference metrics
/// around every call.
final class ServedImageClassifier: ImageClassifier {
    private let current: Mutex<RegistryImageClassifier>
    private let metrics: ServerMetrics

    init(_ classifier: RegistryImageClassifier, metrics: ServerMetrics) {
        current = Mutex(classifier)
        self.metrics = metrics
    }

    /// The classifier in use now.
    var classifier: RegistryImageClassifier { current.withLock { $0 } }

    var models: [ModelDescriptor] { classifier.models }

    /// Switches to `replacement` atomically.
    func replace(with replacement: RegistryImageClassifier) {
        current.withLock { $0 = replacement }
    }

    func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification {
        try measured { try $0.classify(bytes, model: model, topK: topK) }
    }

    func classify(_ bytes: [UInt8], model: String?, topK: Int, thumbnail: ThumbnailRequest) throws
        -> (classification: ImageClassification, thumbnail: [UInt8]?)
    {
        try measured { try $0.classify(bytes, model: model, topK: topK, thumbnail: thumbnail) }
    }

    /// Not counted in the inference metrics: one explanation is `grid² + 1` runs of the model.
    func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation {
        try classifier.explain(bytes, model: model, classIndex: classIndex, grid: grid)
    }

    /// Runs `body` on the classifier of the moment with the inference metrics around it.
    private func measured<T>(_ body: (RegistryImageClassifier) throws -> T) throws -> T {
        let classifier = self.classifier
        let started = DispatchTime.now().uptimeNanoseconds
        metrics.setInferenceQueueDepth(classifier.gate.inFlight)
        defer { metrics.setInferenceQueueDepth(classifier.gate.inFlight) }
        let result = try body(classifier)
        metrics.recordInference(seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return result
    }
}
