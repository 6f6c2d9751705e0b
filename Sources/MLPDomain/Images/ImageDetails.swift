/// One image as a detail view shows it: metadata, current predictions, how much history there is, and
/// (when asked for) the picture itself.
public struct ImageDetails: Equatable, Sendable {
    public var image: Image
    /// The current prediction set, rank order.
    public var predictions: [Prediction]
    /// Stored predictions from earlier classifications.
    public var historyCount: Int
    /// The uploaded bytes; nil unless the use case was asked to include them.
    public var bytes: [UInt8]?

    public init(image: Image, predictions: [Prediction], historyCount: Int, bytes: [UInt8]? = nil) {
        self.image = image
        self.predictions = predictions
        self.historyCount = historyCount
        self.bytes = bytes
    }

    /// Reads the details of the owner's image inside a unit of work; `notFound` when it is missing,
    /// deleted or someone else's.
    static func load(id: Int64, userID: Int64?, includeBytes: Bool, from repositories: any Repositories) throws -> ImageDetails {
        guard let details = try repositories.images.details(id: id, userID: userID, includeBytes: includeBytes) else {
            throw DomainError.imageNotFound
        }
        return details
    }
}

extension DomainError {
    /// The image does not exist, is deleted, or belongs to someone else (never told apart: no existence leak).
    public static var imageNotFound: DomainError { DomainError(.notFound, "No such image.") }
}
