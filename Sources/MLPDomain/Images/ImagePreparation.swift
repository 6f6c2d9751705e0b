import Foundation

/// Checks, classifies and thumbnails uploaded bytes: the work done before (never inside) a transaction.
struct ImagePreparation: Sendable {
    let classifier: any ImageClassifier
    let processor: any ImageProcessor
    let digester: any ContentDigester
    var storedMetadata: StoredMetadata = .keep

    /// A picture ready to store and its classification. The header is checked first (type, byte and
    /// pixel caps) so nothing is decoded for a file that will be refused.
    func prepare(_ bytes: [UInt8], request: ClassificationRequest) throws -> (upload: ImageUpload, classification: ImageClassification) {
        var facts = try Self.inspect(bytes, with: processor)
        // An operator who stores no metadata holds no time taken either (it is among what is removed).
        if storedMetadata == .remove { facts.takenAt = nil }
        let bytes = storedMetadata == .remove ? processor.withoutMetadata(bytes) : bytes
        let wanted = ThumbnailRequest(longestSide: ImageRules.thumbnailLongestSide, quality: processor.thumbnailQuality)
        let (classification, madeThumbnail) = try classifier.classify(
            bytes, model: request.model, topK: request.topK, thumbnail: wanted
        )
        let thumbnail = try madeThumbnail ?? processor.thumbnail(bytes, longestSide: wanted.longestSide)
        let upload = ImageUpload(bytes: bytes, facts: facts, sha256: digester.sha256Hex(bytes), thumbnail: thumbnail)
        return (upload, classification)
    }

    /// The facts of a picture from its header, after the checks every picture passes before anything is decoded:
    /// not empty (`validation` on `image`), within the byte cap (`tooLarge`), then type and pixel caps.
    static func inspect(_ bytes: [UInt8], with processor: any ImageProcessor) throws -> ImageFacts {
        guard !bytes.isEmpty else { throw DomainError.invalid("image", "The image is empty.") }
        guard bytes.count <= processor.maxBytes else {
            throw DomainError(.tooLarge, "The image is \(bytes.count) bytes; at most \(processor.maxBytes) are accepted.")
        }
        return try processor.inspect(bytes)
    }

    /// The stored reference of the model that classified, registered on first use.
    static func modelReference(for model: ModelDescriptor, in repositories: any Repositories, at date: Date) throws -> ModelReference {
        if let found = try repositories.models.find(name: model.name, version: model.version) { return found }
        return try repositories.models.upsert(model, at: date)
    }
}
