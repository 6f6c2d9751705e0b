import Foundation
import MLPData
import MLPDomain
import MariaDB
import Synchronization
import Testing

/// Repositories that behave like MariaDB's except that storing predictions fails: the failure lands after
/// the image row (with bytes and thumbnail) has been inserted in the same transaction.
struct PredictionsFailRepositories: Repositories {
    struct Injected: Error {}

    struct FailingPredictions: PredictionRepository {
        let base: any PredictionRepository
        let images: any ImageRepository
        let sawImageRow: @Sendable (Bool) -> Void

        func replaceCurrent(imageID: Int64, model: ModelReference, scores: [ClassScore], at date: Date) throws {
            sawImageRow(try images.find(id: imageID, userID: nil) != nil)
            throw Injected()
        }
        func current(imageID: Int64) throws -> [Prediction] { try base.current(imageID: imageID) }
        func all(imageID: Int64, limit: Int?) throws -> [Prediction] { try base.all(imageID: imageID, limit: limit) }
    }

    let base: any Repositories
    let sawImageRow: @Sendable (Bool) -> Void

    var users: any UserRepository { base.users }
    var sessions: any SessionRepository { base.sessions }
    var loginAttempts: any LoginAttemptRepository { base.loginAttempts }
    var images: any ImageRepository { base.images }
    var predictions: any PredictionRepository { FailingPredictions(base: base.predictions, images: base.images, sawImageRow: sawImageRow) }
    var models: any ModelRepository { base.models }
    var shares: any ImageShareRepository { base.shares }
    var albums: any AlbumRepository { base.albums }
    var albumShares: any AlbumShareRepository { base.albumShares }
}

/// The MariaDB unit of work with the failing predictions repository inside its transactions.
final class FailingUnitOfWork: UnitOfWork {
    let base: MariaDBUnitOfWork

    init(base: MariaDBUnitOfWork) { self.base = base }

    /// Whether the image row was visible inside the transaction when the failure was injected.
    let sawImageRow = Mutex<Bool?>(nil)

    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try base.transaction { repositories in
            try body(PredictionsFailRepositories(base: repositories) { seen in self.sawImageRow.withLock { $0 = seen } })
        }
    }

    func read<T>(_ body: (any Repositories) throws -> T) throws -> T {
        try base.read { repositories in
            try body(PredictionsFailRepositories(base: repositories) { seen in self.sawImageRow.withLock { $0 = seen } })
        }
    }
}

@Suite final class FailureInjectionTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    @Test func failureAfterTheImageInsertLeavesNothing() throws {
        let failing = FailingUnitOfWork(base: fixture.unitOfWork)
        let upload = fixture.uploader(failing)
        #expect(throws: PredictionsFailRepositories.Injected.self) {
            try upload.execute(.init(userID: self.fixture.userID, bytes: ImageDatabaseFixture.picture("coffee"), idempotencyKey: "k1"))
        }
        #expect(failing.sawImageRow.withLock { $0 } == true, "the image row existed when the failure hit")
        #expect(try fixture.rows.count("images") == 0)
        #expect(try fixture.rows.count("predictions") == 0)
        // The same key works afterwards: the failed attempt did not keep it.
        let stored = try fixture.uploader().execute(.init(userID: fixture.userID, bytes: ImageDatabaseFixture.picture("coffee"), idempotencyKey: "k1"))
        #expect(stored.created)
        #expect(try fixture.rows.count("images") == 1)
        #expect(try fixture.rows.count("predictions") == 5)
    }
}
