import Foundation
import MLPDomain

/// Images, predictions and models held in memory with the MariaDB repositories' semantics; transactions
/// work on a copy that replaces the state only when the body returns.
final class InMemoryImageStore: @unchecked Sendable {
    struct StoredImage {
        var image: Image
        var bytes: [UInt8]?
        var thumbnail: [UInt8]?
        var key: String?
        var fingerprint: String?
        var isDeleted = false
        /// The digest of the file as uploaded, while the stored file is a turned one (`uploaded_sha256`).
        var uploadedSHA256: String?
    }

    struct StoredPrediction {
        var imageID: Int64
        var prediction: Prediction
    }

    struct State {
        var images: [Int64: StoredImage] = [:]
        var predictions: [StoredPrediction] = []
        var models: [ModelReference] = []
        var shares: [Int64: ImageShare] = [:]
        var albums: [Int64: Album] = [:]
        /// What each album holds: album id → picture id → when it was put in.
        var albumImages: [Int64: [Int64: Date]] = [:]
        var albumShares: [Int64: AlbumShare] = [:]
        /// The cover each album's owner chose: album id → picture id.
        var albumCovers: [Int64: Int64] = [:]
        var nextID: Int64 = 1
    }

    private let lock = NSLock()
    private var state = State()

    func read<T>(_ body: (State) -> T) -> T { lock.withLock { body(state) } }

    func transaction<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try lock.withLock {
            var copy = state
            let result = try body(&copy)
            state = copy
            return result
        }
    }
}

/// `UnitOfWork` over an ``InMemoryImageStore``.
///
/// With `users`, its repositories reach that store's sessions too, as the one database of the real application
/// does: `GET /api/v1/images/:id` checks the token along with the image read.
struct InMemoryImageUnitOfWork: UnitOfWork {
    let store: InMemoryImageStore
    var users: InMemoryStore?

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try store.transaction { state in
            let repositories = InMemoryImageRepositories(state: state, users: users)
            let result = try body(repositories)
            state = repositories.state
            return result
        }
    }

    /// The fake has no autocommit mode: reads run as a transaction (same visible behaviour).
    func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try transaction(body)
    }
}
