import Foundation

/// Stores predictions; each image has one current set, earlier sets stay as history.
public protocol PredictionRepository {
    /// Marks the image's current predictions as history and stores `scores` as the current set.
    func replaceCurrent(imageID: Int64, model: ModelReference, scores: [ClassScore], at date: Date) throws
    /// The image's current predictions, rank order.
    func current(imageID: Int64) throws -> [Prediction]
    /// The image's stored predictions, current and history: the current set first, then earlier ones, newest
    /// classification first, rank order within one; at most `limit` (nil: all).
    func all(imageID: Int64, limit: Int?) throws -> [Prediction]
}

/// The models predictions refer to, one row per name and version.
public protocol ModelRepository {
    /// The row for this model, inserted or updated (sha256, task, default flag) as needed; with `isDefault`
    /// every other row loses the flag.
    func upsert(_ model: ModelDescriptor, at date: Date) throws -> ModelReference
    /// The row for this name and version.
    func find(name: String, version: String) throws -> ModelReference?
}
