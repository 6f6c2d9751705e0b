import Foundation

/// A short name people give to something of theirs (an API key, an album).
enum GivenName {
    /// `name` trimmed; `validation` on `field` when it is empty (`emptyMessage`), longer than `maxLength` Unicode
    /// scalars (as the API document's `maxLength` counts) or holds a control character.
    static func validated(_ name: String, field: String, maxLength: Int, emptyMessage: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid(field, emptyMessage) }
        guard trimmed.unicodeScalars.count <= maxLength else {
            throw DomainError.invalid(field, "Must be at most \(maxLength) characters.")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.invalid(field, "Must not contain control characters.")
        }
        return trimmed
    }
}
