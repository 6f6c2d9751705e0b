import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport

/// A model stand-in: a fixed top-k of coffee classes, or cat classes when the bytes contain "cat".
struct StubClassifier: ImageClassifier {
    static let model = ModelDescriptor(
        name: "stub-net", version: "2", sha256: String(repeating: "b", count: 64), task: "image-classification",
        isDefault: true, classCount: 1000, inputWidth: 224, inputHeight: 224
    )
    var models: [ModelDescriptor] { [Self.model] }

    func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification {
        let labels = String(decoding: bytes, as: UTF8.self).contains("cat")
            ? ["tabby cat", "tiger cat", "100% cat_like", "lynx", "Egyptian Mau"] : ["espresso", "cup", "eggnog", "consomme", "tea cup"]
        return ImageClassification(
            model: Self.model,
            scores: (0..<topK).map { ClassScore(classIndex: 900 + $0, label: labels[$0 % labels.count], score: 0.5 / Double($0 + 1)) }
        )
    }

    /// The class asked for (else 900, the top one) on a grid of drops that rise cell by cell.
    func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation {
        let top = try classify(bytes, model: model, topK: 1).scores[0]
        let chosen = classIndex ?? top.classIndex
        return ImageExplanation(
            model: Self.model, score: ClassScore(classIndex: chosen, label: chosen == top.classIndex ? top.label : "class \(chosen)", score: 0.5),
            rows: grid, columns: grid, drops: (0..<(grid * grid)).map { Double($0) / 100 },
            region: ImageRegion(x: 0, y: 0, width: 1, height: 1)
        )
    }
}

/// Accepts anything that starts with the JPEG signature as a 64×48 JPEG.
struct StubProcessor: ImageProcessor {
    var maxBytes: Int { 1 << 20 }

    /// A JPEG whose text holds "taken 2026:03:12 14:03:22" (and " +01:00") was taken then, as Exif would say.
    func inspect(_ bytes: [UInt8]) throws -> ImageFacts {
        guard bytes.starts(with: [0xFF, 0xD8, 0xFF]) else { throw DomainError(.unsupportedMediaType, "not a JPEG") }
        let text = String(decoding: bytes, as: UTF8.self)
        let taken = text.range(of: "taken ").flatMap { found -> CaptureTime? in
            let rest = text[found.upperBound...]
            let offset = rest.dropFirst(20).prefix(6)
            return CaptureTime(exifDateTime: String(rest.prefix(19)), offset: offset.isEmpty ? nil : String(offset))
        }
        return ImageFacts(contentType: "image/jpeg", width: 64, height: 48, takenAt: taken)
    }

    func thumbnail(_ bytes: [UInt8], longestSide: Int) throws -> [UInt8] { [0xFF, 0xD8, 0xFF, 0x01] }
    func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] { bytes }
    func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws -> [UInt8] { bytes + Array(" turned \(quarterTurns)".utf8) }
}

/// Counts rows through the MariaDB library (never through the application).
struct RowCounter {
    let connection: MariaDB.Connection

    func count(_ table: String, where condition: String = "TRUE") throws -> Int {
        try connection.query(SQLQuery(unsafeSQL: "SELECT COUNT(*) AS n FROM \(table) WHERE \(condition)")).first?.decode(Int.self, "n") ?? -1
    }
}

/// A fresh database with the schema, a user, a unit of work and the image use cases over stubs.
final class ImageDatabaseFixture {
    let database: TestDatabase
    let pool: ConnectionPool
    let unitOfWork: MariaDBUnitOfWork
    let connection: MariaDB.Connection
    let userID: Int64
    let otherUserID: Int64

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 4)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        connection = try database.connect()
        try MLPMigrations.migrator.migrate(on: connection)
        let now = Date()
        userID = Int64(try connection.execute(
            "INSERT INTO users (username, password_hash, created_at, updated_at) VALUES ('ann@example.org', 'x', \(now), \(now))"
        ).lastInsertID)
        otherUserID = Int64(try connection.execute(
            "INSERT INTO users (username, password_hash, created_at, updated_at) VALUES ('bob@example.org', 'x', \(now), \(now))"
        ).lastInsertID)
    }

    var rows: RowCounter { RowCounter(connection: connection) }

    func uploader(_ unitOfWork: (any UnitOfWork)? = nil) -> UploadImageUseCase {
        UploadImageUseCase(
            unitOfWork: unitOfWork ?? self.unitOfWork, classifier: StubClassifier(), processor: StubProcessor(),
            digester: OpenSSLContentDigester()
        )
    }

    /// The update use case (rename, label, favourite, replace) over the stubs.
    var updater: UpdateImageUseCase {
        UpdateImageUseCase(unitOfWork: unitOfWork, classifier: StubClassifier(), processor: StubProcessor(), digester: OpenSSLContentDigester())
    }

    static func picture(_ marker: String) -> [UInt8] { [0xFF, 0xD8, 0xFF, 0xE0] + Array(marker.utf8) }

    /// Uploads `picture(marker)` titled `marker` for `user` (the fixture user by default).
    func upload(_ marker: String, user: Int64? = nil, key: String? = nil, topK: Int = 5) throws -> UploadImageUseCase.Output {
        try uploader().execute(.init(
            userID: user ?? userID, bytes: Self.picture(marker), title: marker,
            classification: ClassificationRequest(topK: topK), idempotencyKey: key
        ))
    }

    /// Replaces the picture of the fixture user's image `id` with `picture(marker)` (classified again with `topK`).
    func replace(_ id: Int64, with marker: String, topK: Int = 5) throws {
        _ = try updater.replace(
            userID: userID, imageID: id, bytes: Self.picture(marker), title: nil, classification: ClassificationRequest(topK: topK)
        )
    }
}

extension ListImagesUseCase.Page {
    /// The ids of every page from the first, each read by `page` from where the one before ended; at most `max`
    /// (a list that never ends stops there).
    static func allIDs(max: Int = 10_000, _ page: (ImageListPosition?) throws -> ListImagesUseCase.Page) rethrows -> [Int64] {
        var ids: [Int64] = []
        var after: ImageListPosition?
        repeat {
            let read = try page(after)
            ids += read.items.map(\.image.id)
            after = read.next
        } while after != nil && ids.count < max
        return ids
    }
}
