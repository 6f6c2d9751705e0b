import Foundation

/// Input rules shared by the image use cases.
public enum ImageRules {
    /// Default number of predictions stored per classification.
    public static let defaultTopK = 5
    /// Accepted `top_k` values.
    public static let topKRange = 1...20
    /// Longest title, in Unicode scalars: the `VARCHAR(200)` column counts code points, not grapheme clusters.
    public static let maxTitleLength = 200
    /// Longest `Idempotency-Key`, in characters.
    public static let maxIdempotencyKeyLength = 64
    /// Longest side of the thumbnail made at upload.
    public static let thumbnailLongestSide = 256
    /// JPEG quality of the thumbnail, unless an ``ImageProcessor`` is configured otherwise.
    public static let thumbnailQuality = 80
    /// Page sizes of a list.
    public static let defaultLimit = 20
    public static let limitRange = 1...100
    /// Longest `label` filter, in Unicode scalars.
    public static let maxLabelLength = 100

    /// Field errors of the classification options (`top_k`, `model`).
    static func check(topK: Int, model: String?) -> [DomainError.FieldError] {
        var errors: [DomainError.FieldError] = []
        if !topKRange.contains(topK) {
            errors.append(.init(field: "top_k", message: "Must be an integer from \(topKRange.lowerBound) to \(topKRange.upperBound)."))
        }
        if let model, model.isEmpty || model.count > 100 {
            errors.append(.init(field: "model", message: "Must be the name of a loaded model."))
        }
        return errors
    }

    /// Longest label an owner gives a picture, in Unicode scalars (the column's characters; a model label's limit too).
    public static let maxUserLabelLength = 255

    /// Whether two labels are the same as the database compares them (utf8mb4_unicode_ci): without regard to
    /// case or accents. An owner's label agrees with the model's when they are the same.
    public static func sameLabel(_ a: String, _ b: String) -> Bool {
        labelKey(a) == labelKey(b)
    }

    /// The form of a label under which ``sameLabel(_:_:)`` labels are equal (folded case and accents): for
    /// matching labels by key, as in the similarity of two pictures' predictions.
    public static func labelKey(_ label: String) -> String {
        label.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Field errors of an owner's label (already trimmed): 1 to 255 characters, no control characters.
    static func check(userLabel: String) -> [DomainError.FieldError] {
        if userLabel.isEmpty { return [.init(field: "label", message: "Must not be empty.")] }
        if userLabel.unicodeScalars.count > maxUserLabelLength {
            return [.init(field: "label", message: "Must be at most \(maxUserLabelLength) characters.")]
        }
        if userLabel.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return [.init(field: "label", message: "Must not contain control characters.")]
        }
        return []
    }

    /// Field errors of a title.
    static func check(title: String?) -> [DomainError.FieldError] {
        guard let title else { return [] }
        if title.unicodeScalars.count > maxTitleLength {
            return [.init(field: "title", message: "Must be at most \(maxTitleLength) characters.")]
        }
        if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return [.init(field: "title", message: "Must not contain control characters.")]
        }
        return []
    }

    /// Field errors of an idempotency key: 1 to 64 printable ASCII characters.
    static func check(idempotencyKey: String?) -> [DomainError.FieldError] {
        guard let key = idempotencyKey else { return [] }
        let valid = !key.isEmpty && key.utf8.count <= maxIdempotencyKeyLength && key.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        return valid ? [] : [.init(field: "Idempotency-Key", message: "Must be 1 to \(maxIdempotencyKeyLength) printable ASCII characters.")]
    }

    /// Throws one validation error with every field's problem, if any.
    static func require(_ errors: [DomainError.FieldError]) throws {
        guard errors.isEmpty else { throw DomainError(.validation, "The request has invalid fields.", fieldErrors: errors) }
    }

    /// A title with surrounding white space removed; empty becomes nil.
    static func normalized(title: String?) -> String? {
        guard let trimmed = title?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
