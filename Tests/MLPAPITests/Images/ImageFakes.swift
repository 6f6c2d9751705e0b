import Foundation
import MLPDomain
import Synchronization

/// Pretends to be a model: bytes containing "cat" are a tabby cat, anything else an espresso. Tests can load
/// more models (`models`): any other model names the colours red, green and blue.
final class FakeClassifier: ImageClassifier {
    static let model = ModelDescriptor(
        name: "fake-net", version: "1", sha256: String(repeating: "a", count: 64), task: "image-classification",
        isDefault: true, classCount: 1000, inputWidth: 224, inputHeight: 224
    )
    /// A second model for tests of the model choice.
    static let colourModel = ModelDescriptor(
        name: "colour-net", version: "1", sha256: String(repeating: "c", count: 64), task: "image-classification",
        isDefault: false, classCount: 3, inputWidth: 16, inputHeight: 16
    )
    private let state = Mutex((calls: 0, busy: false, models: [FakeClassifier.model]))

    /// The loaded models (the default one first); settable, as a reload replaces them.
    var models: [ModelDescriptor] {
        get { state.withLock { $0.models } }
        set { state.withLock { $0.models = newValue } }
    }
    var calls: Int { state.withLock { $0.calls } }
    var busy: Bool {
        get { state.withLock { $0.busy } }
        set { state.withLock { $0.busy = newValue } }
    }

    func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification {
        let loaded = models
        guard let descriptor = model.map({ name in loaded.first { $0.name == name } }) ?? loaded.first(where: \.isDefault) else {
            throw DomainError.invalid("model", "No model named '\(model ?? "")'.")
        }
        let busy = state.withLock { state in
            state.calls += 1
            return state.busy
        }
        if busy { throw DomainError(.unavailable, "busy", retryAfterSeconds: 1) }
        let isCat = String(decoding: bytes, as: UTF8.self).contains("cat")
        let labels = descriptor.name != Self.model.name ? ["red", "green", "blue"]
            : isCat ? ["tabby cat", "tiger cat", "Egyptian Mau"] : ["espresso", "cup", "eggnog"]
        let scores = (0..<topK).map { index in
            ClassScore(classIndex: index, label: index < labels.count ? labels[index] : "class \(index)", score: 0.9 / Double(index + 1))
        }
        return ImageClassification(model: descriptor, scores: scores)
    }

    /// By rule, counted and refused as ``classify(_:model:topK:)``: the class asked for (else class 0, the top
    /// label) with the label and score classifying gives it, on a grid whose drops rise cell by cell (0, 0.01, 0.02 …); the model reads the middle three
    /// quarters of the picture's width.
    func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation {
        let chosen = classIndex ?? 0
        let classes = try classify(bytes, model: model, topK: chosen + 1)
        guard chosen < classes.model.classCount else {
            throw DomainError.invalid("class_index", "Must be the index of one of the model's classes, 0 to \(classes.model.classCount - 1).")
        }
        return ImageExplanation(
            model: classes.model, score: classes.scores[chosen],
            rows: grid, columns: grid, drops: (0..<(grid * grid)).map { Double($0) / 100 },
            region: ImageRegion(x: 0.125, y: 0, width: 0.75, height: 1)
        )
    }
}

/// Reads only magic bytes: JPEG is 640×480, PNG 100×80, anything else unsupported; "BOMB" in the bytes
/// plays a pixel bomb.
struct FakeProcessor: ImageProcessor {
    var maxBytes = 4096

    func inspect(_ bytes: [UInt8]) throws -> ImageFacts {
        if bytes.count > maxBytes { throw DomainError(.tooLarge, "too large") }
        if String(decoding: bytes, as: UTF8.self).contains("BOMB") { throw DomainError.invalid("image", "too many pixels") }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            // "taken 2026:03:12 14:03:22 +01:00" in the bytes stands for the Exif of a camera that says when.
            let text = String(decoding: bytes, as: UTF8.self)
            let taken = text.range(of: "taken ").flatMap { found -> CaptureTime? in
                let rest = text[found.upperBound...]
                let offset = rest.dropFirst(20).prefix(6)
                return CaptureTime(exifDateTime: String(rest.prefix(19)), offset: offset.isEmpty ? nil : String(offset))
            }
            return ImageFacts(contentType: "image/jpeg", width: 640, height: 480, takenAt: taken)
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return ImageFacts(contentType: "image/png", width: 100, height: 80) }
        throw DomainError(.unsupportedMediaType, "not an image")
    }

    func thumbnail(_ bytes: [UInt8], longestSide: Int) throws -> [UInt8] {
        [0xFF, 0xD8, 0xFF] + Array("thumb".utf8)
    }

    /// Keeps the signature and says what was done, so a test sees which bytes went through here.
    func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(4)) + Array(" without metadata".utf8)
    }

    /// Says what was done, as the text of the bytes; "FULL" in them plays an Exif segment with no room left.
    func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws -> [UInt8] {
        if String(decoding: bytes, as: UTF8.self).contains("FULL") { throw DomainError.invalid("image", "no room") }
        return bytes + Array(" turned \(quarterTurns)".utf8)
    }
}

/// FNV-1a, 64 bits, repeated to 64 hex digits: deterministic and different for different inputs.
struct FakeDigester: ContentDigester {
    func sha256Hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(repeating: String(format: "%016llx", hash), count: 4)
    }
}

/// Test pictures: a JPEG or PNG signature followed by a marker text.
enum FakePictures {
    static func jpeg(_ marker: String = "coffee") -> [UInt8] { [0xFF, 0xD8, 0xFF, 0xE0] + Array(marker.utf8) }
    static func png(_ marker: String = "cat") -> [UInt8] { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(marker.utf8) }
}
