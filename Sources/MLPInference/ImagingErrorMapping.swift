import Inference
import MLPDomain

/// Turns imaging failures into the domain errors the API answers with.
enum ImagingErrorMapping {
    /// 415 for a format that is not JPEG or PNG, 413 over the byte cap, 422 (field `image`) for the rest.
    static func map(_ error: ImagingError) -> DomainError {
        switch error.code {
        case .unsupportedFormat:
            DomainError(.unsupportedMediaType, "The file is not a JPEG or PNG image (judged by its content).")
        case .tooLarge:
            DomainError(.tooLarge, "The image is too large: \(error.message).")
        case .tooManyPixels, .dimensionTooLarge:
            DomainError.invalid("image", "The image is too large in pixels: \(error.message).")
        case .truncated:
            DomainError.invalid("image", "The image data is truncated.")
        case .empty:
            DomainError.invalid("image", "The image is empty.")
        default:
            DomainError.invalid("image", "The image cannot be decoded: \(error.message).")
        }
    }
}
