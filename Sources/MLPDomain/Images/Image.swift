import Foundation

/// A stored picture's metadata; the bytes are fetched separately (``ImageContent``).
public struct Image: Equatable, Sendable {
    public var id: Int64
    /// The owner (the seed's `id_user`).
    public var userID: Int64
    public var title: String?
    /// What the owner says the picture shows (nil: not said); compared with the model's labels.
    public var userLabel: String?
    /// Decided from the magic bytes at upload (`image/jpeg`, `image/png`), never from the client.
    public var contentType: String
    public var byteSize: Int
    public var width: Int
    public var height: Int
    /// Lower-case hex SHA-256 of the stored bytes.
    public var sha256: String
    public var createdAt: Date
    public var updatedAt: Date
    /// When it was taken, when its file says so (Exif); nil otherwise.
    public var takenAt: CaptureTime?
    /// The owner marked it as one of their favourites.
    public var favourite: Bool

    public init(
        id: Int64, userID: Int64, title: String?, contentType: String, byteSize: Int, width: Int, height: Int,
        sha256: String, createdAt: Date, updatedAt: Date, userLabel: String? = nil, takenAt: CaptureTime? = nil,
        favourite: Bool = false
    ) {
        self.id = id
        self.userID = userID
        self.title = title
        self.userLabel = userLabel
        self.contentType = contentType
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.sha256 = sha256
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.takenAt = takenAt
        self.favourite = favourite
    }
}

/// Everything an upload stores about a new picture, in one transaction.
public struct NewImage: Sendable {
    public var userID: Int64
    public var title: String?
    public var content: ImageUpload
    /// The client's `Idempotency-Key`, unique per user.
    public var idempotencyKey: String?
    /// Digest of what the request asked for, so a reused key with another body is recognised.
    public var idempotencyFingerprint: String?
    public var createdAt: Date

    public init(
        userID: Int64, title: String?, content: ImageUpload, idempotencyKey: String?, idempotencyFingerprint: String?,
        createdAt: Date
    ) {
        self.userID = userID
        self.title = title
        self.content = content
        self.idempotencyKey = idempotencyKey
        self.idempotencyFingerprint = idempotencyFingerprint
        self.createdAt = createdAt
    }
}

/// A checked picture ready to store: bytes, what they are, and a thumbnail.
public struct ImageUpload: Sendable {
    public var bytes: [UInt8]
    public var facts: ImageFacts
    public var sha256: String
    /// JPEG, longest side ``ImageProcessor/thumbnailLongestSide``.
    public var thumbnail: [UInt8]

    public init(bytes: [UInt8], facts: ImageFacts, sha256: String, thumbnail: [UInt8]) {
        self.bytes = bytes
        self.facts = facts
        self.sha256 = sha256
        self.thumbnail = thumbnail
    }
}

/// Raw bytes of a picture or its thumbnail, with what to serve them as.
public struct ImageContent: Equatable, Sendable {
    public var bytes: [UInt8]
    public var contentType: String
    /// Lower-case hex SHA-256 of `bytes` (the HTTP entity tag).
    public var sha256: String
    /// The image's title, for the name of a downloaded file.
    public var title: String?

    public init(bytes: [UInt8], contentType: String, sha256: String, title: String? = nil) {
        self.bytes = bytes
        self.contentType = contentType
        self.sha256 = sha256
        self.title = title
    }

    /// The same picture without its file's metadata (``ImageProcessor/withoutMetadata(_:)``), with the digest
    /// of the bytes that remain; `unavailable` without the two (a use case built without them).
    func withoutMetadata(_ processor: (any ImageProcessor)?, digester: (any ContentDigester)?) throws -> ImageContent {
        guard let processor, let digester else {
            throw DomainError(.unavailable, "Pictures without their metadata are not served by this instance.")
        }
        let stripped = processor.withoutMetadata(bytes)
        return ImageContent(
            bytes: stripped, contentType: contentType, sha256: Self.same(stripped, bytes) ? sha256 : digester.sha256Hex(stripped),
            title: title
        )
    }

    /// Byte equality with `memcmp` (`Array.==` compares element by element: 16% of a share link's CPU time for
    /// a 5 MB picture).
    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                guard let left = a.baseAddress, let right = b.baseAddress else { return true }
                return memcmp(left, right, a.count) == 0
            }
        }
    }
}

/// Which stored bytes of an image to read.
public enum ImageVariant: Sendable {
    /// The uploaded file as it was received.
    case original
    /// The JPEG thumbnail made at upload.
    case thumbnail
}
