import Foundation

/// How many bytes of pictures one account may keep: the pictures as uploaded, of its images that are not
/// deleted (thumbnails are not counted). Uploads and replacements that would go over it are refused before
/// the model runs, and again inside the transaction that stores them, where the owner's row is locked so that
/// two uploads of one account at once count each other.
public struct StorageQuota: Sendable, Equatable {
    /// The limit per account in bytes; nil: no limit.
    public var maxBytesPerUser: Int?

    public init(maxBytesPerUser: Int?) {
        self.maxBytesPerUser = maxBytesPerUser
    }

    /// No limit.
    public static let unlimited = StorageQuota(maxBytesPerUser: nil)

    /// Whether there is a limit to check at all.
    public var isLimited: Bool { maxBytesPerUser != nil }

    /// Throws `quotaExceeded` when an account using `used` bytes cannot take `adding` more (`freeing` bytes
    /// leave at the same time, as when a picture is replaced).
    public func check(used: Int, adding: Int, freeing: Int = 0) throws {
        guard let maxBytesPerUser else { return }
        let after = used - freeing + adding
        guard after > maxBytesPerUser, adding > freeing else { return }
        throw DomainError.quotaExceeded(picture: adding, used: used, quota: maxBytesPerUser)
    }

    /// `512 bytes`, `66 KiB`, `20.0 MiB`, `1.00 GiB`.
    public static func text(bytes: Int) -> String {
        let value = Double(bytes)
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return String(format: "%.0f KiB", value / 1024) }
        if bytes < 1 << 30 { return String(format: "%.1f MiB", value / Double(1 << 20)) }
        return String(format: "%.2f GiB", value / Double(1 << 30))
    }
}

extension DomainError {
    /// A picture that would take its owner over the storage quota.
    public static func quotaExceeded(picture: Int, used: Int, quota: Int) -> DomainError {
        let message = "This picture (\(StorageQuota.text(bytes: picture))) does not fit in your storage quota: "
            + "\(StorageQuota.text(bytes: used)) of \(StorageQuota.text(bytes: quota)) are in use. Delete some pictures first."
        return DomainError(.quotaExceeded, message, fieldErrors: [FieldError(field: "image", message: message)])
    }
}

/// What an account's pictures take, and its quota.
public struct StorageUsage: Equatable, Sendable {
    public var usedBytes: Int
    /// nil: no limit.
    public var quotaBytes: Int?

    public init(usedBytes: Int, quotaBytes: Int?) {
        self.usedBytes = usedBytes
        self.quotaBytes = quotaBytes
    }
}

/// Tells a user how much of their storage quota their pictures take.
public struct StorageUsageUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let quota: StorageQuota

    public init(unitOfWork: any UnitOfWork, quota: StorageQuota) {
        self.unitOfWork = unitOfWork
        self.quota = quota
    }

    public func execute(userID: Int64) throws -> StorageUsage {
        let used = try unitOfWork.read { try $0.images.storedBytes(userID: userID, lockingOwner: false) }
        return StorageUsage(usedBytes: used, quotaBytes: quota.maxBytesPerUser)
    }
}

/// Administration: recounts every account's kept total of picture bytes from its images. Needed only when
/// something changed images without keeping the total (an instance of a version before migration 4 serving
/// uploads during a rolling upgrade, or rows edited by hand). One short transaction per account, each locking
/// the account's row first, so it can run while the service is up.
public struct RecountStorageUseCase: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// Recounts the active accounts; returns how many were checked and which totals were wrong (before, after).
    public func execute() throws -> (checked: Int, corrected: [(username: String, before: Int, after: Int)]) {
        var checked = 0
        var corrected: [(username: String, before: Int, after: Int)] = []
        var afterID: Int64?
        while true {
            let page = try unitOfWork.read { try $0.users.list(includeDeleted: false, afterID: afterID, limit: 500) }
            guard let last = page.last else { break }
            for user in page {
                let (before, after) = try unitOfWork.transaction { try $0.images.recountStoredBytes(userID: user.id) }
                checked += 1
                if before != after { corrected.append((user.username.value, before, after)) }
            }
            afterID = last.id
        }
        return (checked, corrected)
    }
}
