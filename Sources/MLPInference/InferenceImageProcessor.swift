import Inference
import MLPDomain

/// The domain's ``ImageProcessor`` over the Inference imaging code: header probe with limits, and JPEG
/// thumbnails made with libjpeg-turbo (decoded at a reduced DCT scale when that is enough).
public struct InferenceImageProcessor: ImageProcessor {
    /// Byte and pixel caps.
    public let limits: ImageLimits
    /// JPEG quality of thumbnails.
    public let thumbnailQuality: Int

    public init(limits: ImageLimits = .default, thumbnailQuality: Int = ImageRules.thumbnailQuality) {
        self.limits = limits
        self.thumbnailQuality = thumbnailQuality
    }

    public var maxBytes: Int { limits.maxBytes }

    public func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] {
        PictureMetadata.removed(from: bytes)
    }

    public func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws -> [UInt8] {
        let turned: [UInt8]?
        do {
            turned = try PictureOrientation.turned(bytes, clockwise: quarterTurns)
        } catch {
            throw ImagingErrorMapping.map(error)
        }
        guard let turned else {
            throw DomainError.invalid("image", "The picture's Exif has no room for its orientation, so it cannot be turned without encoding it again.")
        }
        return turned
    }

    public func inspect(_ bytes: [UInt8]) throws -> ImageFacts {
        guard bytes.count <= limits.maxBytes else {
            throw DomainError(.tooLarge, "The image is \(bytes.count) bytes; at most \(limits.maxBytes) are accepted.")
        }
        let info: ImageInfo
        do {
            info = try ImageDecoding.probe(bytes)
        } catch let error as ImagingError {
            throw ImagingErrorMapping.map(error)
        }
        guard info.width > 0, info.height > 0 else { throw DomainError.invalid("image", "The image has no pixels.") }
        guard info.width <= limits.maxDimension, info.height <= limits.maxDimension,
            info.width * info.height <= limits.maxPixels
        else {
            throw DomainError.invalid(
                "image",
                "The image is \(info.width)×\(info.height); at most \(limits.maxPixels) pixels and \(limits.maxDimension) a side are accepted."
            )
        }
        return ImageFacts(
            contentType: info.format.contentType, width: info.width, height: info.height,
            takenAt: info.captureTime.flatMap { CaptureTime(exifDateTime: $0.dateTime, offset: $0.offset) }
        )
    }

    public func thumbnail(_ bytes: [UInt8], longestSide: Int) throws -> [UInt8] {
        do {
            let info = try ImageDecoding.probe(bytes)
            // A JPEG may be decoded at a DCT scale of 1/8 to 7/8, down to the shorter side the thumbnail needs.
            let needed = Thumbnails.neededShorterSide(width: info.width, height: info.height, longestSide: longestSide)
            let image = try ImageDecoding.decode(bytes, limits: limits, minimumShorterSide: needed)
            return try Thumbnails.make(from: image, longestSide: longestSide, quality: thumbnailQuality)
        } catch let error as ImagingError {
            throw ImagingErrorMapping.map(error)
        }
    }
}
