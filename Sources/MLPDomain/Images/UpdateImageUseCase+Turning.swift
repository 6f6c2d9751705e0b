extension UpdateImageUseCase {
    /// The turns a picture can be given, in degrees clockwise (negative: counter-clockwise).
    public static let turningDegrees: Set<Int> = [90, 180, 270, -90, -180, -270]

    /// Turns the picture by `degrees` clockwise (negative: counter-clockwise) without encoding it again: only the
    /// orientation its file declares changes (``ImageProcessor/turned(_:clockwise:)``), so a browser shows it
    /// turned and nothing of the picture is lost. It is then stored as ``replace(userID:imageID:bytes:title:classification:)``
    /// stores a picture (new size, thumbnail and SHA-256; classified again, the earlier predictions kept as history)
    /// and keeps the rest: title, own label, favourite, albums, share link. It is classified by the model of its
    /// current predictions while that model is loaded (else the default one), keeping as many classes.
    /// `validation` (field `degrees`) for another turn, `notFound`, `conflict` when the picture was replaced
    /// while it was turned, `validation` (field `image`) when its file cannot take the orientation.
    public func turn(userID: Int64, imageID: Int64, degrees: Int) throws -> ImageDetails {
        guard Self.turningDegrees.contains(degrees) else {
            throw DomainError.invalid("degrees", "Must be 90, 180 or 270 (clockwise), or -90, -180 or -270 (counter-clockwise).")
        }
        let (details, content) = try unitOfWork.read { repositories -> (ImageDetails, ImageContent?) in
            let details = try ImageDetails.load(id: imageID, userID: userID, includeBytes: false, from: repositories)
            return (details, try repositories.images.content(id: imageID, userID: userID, variant: .original))
        }
        guard let content else { throw DomainError.imageNotFound }
        let current = details.predictions.filter(\.isCurrent)
        let loaded = Set(preparation.classifier.models.map(\.name))
        let model = current.first.map(\.model.name).flatMap { loaded.contains($0) ? $0 : nil }
        let range = ImageRules.topKRange
        let topK = current.isEmpty ? ImageRules.defaultTopK : min(max(current.count, range.lowerBound), range.upperBound)
        let classification = ClassificationRequest(model: model, topK: topK)
        let turned = try preparation.processor.turned(content.bytes, clockwise: degrees / 90)
        return try store(
            userID: userID, imageID: imageID, bytes: turned, title: nil, classification: classification, replacing: content.sha256
        )
    }
}
