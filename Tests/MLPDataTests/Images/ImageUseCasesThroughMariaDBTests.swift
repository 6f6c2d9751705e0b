import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Synchronization
import Testing

@Suite final class ImageUseCasesThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    @Test func uploadStoresBytesThumbnailPredictionsAndModel() throws {
        let output = try fixture.upload("coffee", topK: 3)
        let id = output.details.image.id
        #expect(output.details.predictions.map(\.label) == ["espresso", "cup", "eggnog"])
        #expect(output.details.predictions.first?.model.name == "stub-net")
        let row = try #require(try fixture.connection.query("SELECT data, thumbnail, sha256 FROM images WHERE id = \(id)").first)
        #expect(try row.decode([UInt8].self, "data") == ImageDatabaseFixture.picture("coffee"))
        #expect(try row.decode([UInt8].self, "thumbnail") == [0xFF, 0xD8, 0xFF, 0x01])
        #expect(try row.decode(String.self, "sha256") == OpenSSLContentDigester().sha256Hex(ImageDatabaseFixture.picture("coffee")))
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id) AND is_current") == 3)
        #expect(try fixture.rows.count("models", where: "name = 'stub-net' AND version = '2'") == 1)
    }

    @Test func deleteRemovesBytesInTheSameTransactionAndHidesTheImage() throws {
        let id = try fixture.upload("coffee").details.image.id
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: id)
        let row = try #require(try fixture.connection.query("SELECT data, thumbnail, is_deleted, deleted_at FROM images WHERE id = \(id)").first)
        #expect(try row.decode([UInt8]?.self, "data") == nil)
        #expect(try row.decode([UInt8]?.self, "thumbnail") == nil)
        #expect(try row.decode(Bool.self, "is_deleted"))
        #expect(try row.decode(Date?.self, "deleted_at") != nil)
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        #expect(throws: DomainError.imageNotFound) { try get.execute(userID: self.fixture.userID, imageID: id) }
        #expect(throws: DomainError.imageNotFound) { try get.content(userID: self.fixture.userID, imageID: id, variant: .thumbnail) }
    }

    @Test func deletingAnAccountDeletesItsImagesAndTheirBytes() throws {
        let mine = [try fixture.upload("coffee").details.image.id, try fixture.upload("cat").details.image.id]
        let theirs = try fixture.upload("coffee", user: fixture.otherUserID).details.image.id
        try DeleteAccountUseCase(unitOfWork: fixture.unitOfWork, clock: SystemClock()).execute(userID: fixture.userID)
        for id in mine {
            let row = try #require(try fixture.connection.query("SELECT data, thumbnail, is_deleted FROM images WHERE id = \(id)").first)
            #expect(try row.decode(Bool.self, "is_deleted"))
            #expect(try row.decode([UInt8]?.self, "data") == nil && row.decode([UInt8]?.self, "thumbnail") == nil)
        }
        #expect(try fixture.rows.count("images", where: "id = \(theirs) AND is_deleted = FALSE AND data IS NOT NULL") == 1)
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        #expect(try get.execute(userID: fixture.otherUserID, imageID: theirs).bytes == ImageDatabaseFixture.picture("coffee"))
    }

    @Test func ownershipIsCheckedByEveryUseCase() throws {
        let id = try fixture.upload("coffee").details.image.id
        let other = fixture.otherUserID
        let unitOfWork = fixture.unitOfWork
        #expect(throws: DomainError.imageNotFound) { try GetImageUseCase(unitOfWork: unitOfWork).execute(userID: other, imageID: id) }
        let update = UpdateImageUseCase(unitOfWork: unitOfWork, classifier: StubClassifier(), processor: StubProcessor(), digester: OpenSSLContentDigester())
        #expect(throws: DomainError.imageNotFound) { try update.rename(userID: other, imageID: id, title: "x") }
        #expect(throws: DomainError.imageNotFound) { try update.replace(userID: other, imageID: id, bytes: ImageDatabaseFixture.picture("cat"), title: nil) }
        #expect(throws: DomainError.imageNotFound) { try DeleteImageUseCase(unitOfWork: unitOfWork).execute(userID: other, imageID: id) }
        #expect(throws: DomainError.imageNotFound) {
            try ReclassifyImageUseCase(unitOfWork: unitOfWork, classifier: StubClassifier()).execute(userID: other, imageID: id)
        }
        #expect(try ListImagesUseCase(unitOfWork: unitOfWork).execute(userID: other).items.isEmpty)
        #expect(try fixture.rows.count("images", where: "title = 'coffee' AND is_deleted = FALSE") == 1)
    }

    @Test func replacingKeepsHistoryAndReclassifyReportsGainedAndLostLabels() throws {
        let id = try fixture.upload("coffee").details.image.id
        let update = fixture.updater
        let replaced = try update.replace(userID: fixture.userID, imageID: id, bytes: ImageDatabaseFixture.picture("cat"), title: nil)
        #expect(replaced.predictions.first?.label == "tabby cat")
        #expect(replaced.historyCount == 5)
        let reclassify = ReclassifyImageUseCase(unitOfWork: fixture.unitOfWork, classifier: StubClassifier())
        let output = try reclassify.execute(userID: nil, imageID: id, classification: ClassificationRequest(topK: 2))
        #expect(output.previous.count == 5)
        #expect(output.details.predictions.map(\.label) == ["tabby cat", "tiger cat"])
        #expect(output.lostLabels == ["100% cat_like", "lynx", "Egyptian Mau"])
        #expect(output.gainedLabels.isEmpty)
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id)") == 12)
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id) AND is_current") == 2)
    }

    @Test func detailsComeFromOneReadWithBytesPredictionsAndHistory() throws {
        let id = try fixture.upload("coffee", topK: 3).details.image.id
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        let first = try get.execute(userID: fixture.userID, imageID: id)
        #expect(first.bytes == ImageDatabaseFixture.picture("coffee"))
        #expect(first.predictions.map(\.rank) == [1, 2, 3])
        #expect(first.predictions.map(\.label) == ["espresso", "cup", "eggnog"])
        #expect(first.predictions.allSatisfy { $0.isCurrent && $0.model.name == "stub-net" })
        #expect(first.historyCount == 0)
        #expect(try get.execute(userID: fixture.userID, imageID: id, includeBytes: false).bytes == nil)
        // After a reclassification the old set is history and the picture is unchanged.
        _ = try ReclassifyImageUseCase(unitOfWork: fixture.unitOfWork, classifier: StubClassifier())
            .execute(userID: fixture.userID, imageID: id, classification: ClassificationRequest(topK: 2))
        let second = try get.execute(userID: fixture.userID, imageID: id)
        #expect(second.predictions.count == 2)
        #expect(second.historyCount == 3)
        #expect(second.bytes == ImageDatabaseFixture.picture("coffee"))
        #expect(second.image == first.image)
        // An image without any prediction rows still reads (one row of NULL prediction columns); the history
        // count is kept on the image row.
        try fixture.connection.execute("DELETE FROM predictions WHERE image_id = \(id)")
        let bare = try get.execute(userID: fixture.userID, imageID: id)
        #expect(bare.predictions.isEmpty && bare.historyCount == 3 && bare.bytes == ImageDatabaseFixture.picture("coffee"))
        #expect(throws: DomainError.imageNotFound) { try get.execute(userID: self.fixture.otherUserID, imageID: id) }
    }

    @Test func theTokenCheckAndTheImageReadAreOneStatement() throws {
        let id = try fixture.upload("coffee", topK: 3).details.image.id
        let theirs = try fixture.upload("cat", user: fixture.otherUserID).details.image.id
        let tokens = OpenSSLTokenGenerator()
        let (token, expired) = (try tokens.generate(), try tokens.generate())
        let (userID, now) = (fixture.userID, Date())
        try fixture.unitOfWork.transaction { repositories in
            _ = try repositories.sessions.create(
                userID: userID, tokenHash: tokens.digest(of: token), createdAt: now, expiresAt: now.addingTimeInterval(3_600), origin: SessionOrigin()
            )
            _ = try repositories.sessions.create(
                userID: userID, tokenHash: tokens.digest(of: expired), createdAt: now.addingTimeInterval(-7_200),
                expiresAt: now.addingTimeInterval(-3_600), origin: SessionOrigin()
            )
        }
        // One connection, so its session status counts exactly the statements of one call.
        let pool = ConnectionPool(configuration: fixture.database.configuration, maxConnections: 1)
        let unitOfWork = MariaDBUnitOfWork(pool: pool)
        let get = GetImageUseCase(unitOfWork: unitOfWork)
        let authenticate = AuthenticateUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: SystemClock(), configuration: AuthConfiguration())
        func questions() throws -> Int64 {
            try pool.withConnection { connection in
                let value = try #require(try connection.query("SHOW SESSION STATUS LIKE 'Questions'").first).decode(String.self, "Value")
                return try #require(Int64(value))
            }
        }
        let before = try questions()
        let (session, details) = try get.execute(token: token, imageID: id, authenticate: authenticate)
        #expect(try questions() - before == 2)  // the read, and this SHOW
        #expect(session.user.id == fixture.userID)
        #expect(details == (try get.execute(userID: fixture.userID, imageID: id)))
        #expect(details.bytes == ImageDatabaseFixture.picture("coffee") && details.predictions.count == 3)
        let withoutBytes = try get.execute(token: token, imageID: id, includeBytes: false, authenticate: authenticate).details
        #expect(withoutBytes.bytes == nil && withoutBytes.predictions == details.predictions)
        // The picture's and the thumbnail's bytes likewise: one statement each, the same as without the token.
        for variant in [ImageVariant.original, .thumbnail] {
            let start = try questions()
            let content = try get.content(token: token, imageID: id, variant: variant, authenticate: authenticate)
            #expect(try questions() - start == 2)
            #expect(content == (try get.content(userID: fixture.userID, imageID: id, variant: variant)))
        }
        #expect(try get.content(token: token, imageID: id, variant: .original, authenticate: authenticate).bytes == ImageDatabaseFixture.picture("coffee"))
        // Someone else's, a missing and a deleted picture are the same 404; a bad token is 401 whatever the id.
        let gone = try fixture.upload("gone").details.image.id
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: gone)
        for other in [theirs, gone + 1_000, gone] {
            #expect(throws: DomainError.imageNotFound) { try get.execute(token: token, imageID: other, authenticate: authenticate) }
            for variant in [ImageVariant.original, .thumbnail] {
                #expect(throws: DomainError.imageNotFound) {
                    try get.content(token: token, imageID: other, variant: variant, authenticate: authenticate)
                }
            }
        }
        for bad in [expired, try tokens.generate()] {
            for image in [id, theirs] {
                #expect(throws: DomainError.invalidToken) { try get.execute(token: bad, imageID: image, authenticate: authenticate) }
                #expect(throws: DomainError.invalidToken) {
                    try get.content(token: bad, imageID: image, variant: .thumbnail, authenticate: authenticate)
                }
            }
        }
        try fixture.connection.execute("UPDATE users SET is_deleted = TRUE WHERE id = \(fixture.userID)")
        #expect(throws: DomainError.invalidToken) { try get.execute(token: token, imageID: id, authenticate: authenticate) }
        #expect(throws: DomainError.invalidToken) { try get.content(token: token, imageID: id, variant: .original, authenticate: authenticate) }
    }

    @Test func historyCountFollowsReplacementsAndReclassificationsAndIsRecountedEachTime() throws {
        let id = try fixture.upload("coffee", topK: 5).details.image.id
        let reclassify = ReclassifyImageUseCase(unitOfWork: fixture.unitOfWork, classifier: StubClassifier())
        let get = GetImageUseCase(unitOfWork: fixture.unitOfWork)
        _ = try reclassify.execute(userID: fixture.userID, imageID: id, classification: ClassificationRequest(topK: 2))
        #expect(try get.execute(userID: fixture.userID, imageID: id).historyCount == 5)
        let update = fixture.updater
        _ = try update.replace(
            userID: fixture.userID, imageID: id, bytes: ImageDatabaseFixture.picture("cat"), title: nil,
            classification: ClassificationRequest(topK: 3)
        )
        #expect(try get.execute(userID: fixture.userID, imageID: id).historyCount == 7)
        // A count gone wrong (as an instance of an older version, which did not keep it, would leave it) is read
        // as stored, and the next classification recounts it from the predictions.
        try fixture.connection.execute("UPDATE images SET history_count = 0 WHERE id = \(id)")
        #expect(try get.execute(userID: fixture.userID, imageID: id).historyCount == 0)
        _ = try reclassify.execute(userID: fixture.userID, imageID: id, classification: ClassificationRequest(topK: 1))
        #expect(try get.execute(userID: fixture.userID, imageID: id).historyCount == 10)
        #expect(try fixture.rows.count("predictions", where: "image_id = \(id) AND is_current = FALSE") == 10)
    }

    @Test func concurrentUploadsDoNotDeadlockEachOther() throws {
        // No retries: any deadlock between two uploads surfaces as an error here.
        let unitOfWork = MariaDBUnitOfWork(pool: fixture.pool, maxAttempts: 1)
        let uploader = fixture.uploader(unitOfWork)
        let failures = Mutex<[String]>([])
        let userID = fixture.userID
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<15 {
                do {
                    _ = try uploader.execute(.init(userID: userID, bytes: ImageDatabaseFixture.picture("coffee \(worker) \(round)")))
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try fixture.rows.count("images") == 60)
        #expect(try fixture.rows.count("predictions", where: "is_current") == 300)
    }

    @Test func uploadsAtOnceNeverTakeAnAccountOverItsQuota() throws {
        // 13-byte pictures and room for 5 of them; 8 threads try 3 each at once, with no retry of a deadlock.
        let quota = StorageQuota(maxBytesPerUser: 65)
        let uploader = UploadImageUseCase(
            unitOfWork: MariaDBUnitOfWork(pool: fixture.pool, maxAttempts: 1), classifier: StubClassifier(),
            processor: StubProcessor(), digester: OpenSSLContentDigester(), quota: quota
        )
        let userID = fixture.userID
        let outcomes = Mutex<[String]>([])
        try runOnThreads((0..<8).map { worker in {
            for round in 0..<3 {
                do {
                    _ = try uploader.execute(.init(userID: userID, bytes: ImageDatabaseFixture.picture("quota \(worker)-\(round)")))
                    outcomes.withLock { $0.append("stored") }
                } catch let error as DomainError where error.code == .quotaExceeded {
                    outcomes.withLock { $0.append("refused") }
                }
            }
        } })
        #expect(outcomes.withLock { $0.filter { $0 == "stored" }.count } == 5)
        #expect(outcomes.withLock { $0.filter { $0 == "refused" }.count } == 19)
        #expect(try fixture.rows.count("images", where: "user_id = \(userID) AND is_deleted = FALSE") == 5)
        let used = try StorageUsageUseCase(unitOfWork: fixture.unitOfWork, quota: quota).execute(userID: userID)
        #expect(used == StorageUsage(usedBytes: 65, quotaBytes: 65))
        // The other account's quota is its own.
        #expect(try StorageUsageUseCase(unitOfWork: fixture.unitOfWork, quota: quota).execute(userID: fixture.otherUserID).usedBytes == 0)
    }

    @Test func theAccountTotalFollowsEveryUploadReplacementAndDeletion() throws {
        let userID = fixture.userID
        func total() throws -> Int {
            try #require(try fixture.connection.query("SELECT stored_bytes FROM users WHERE id = \(userID)").first).decode(Int.self, "stored_bytes")
        }
        func sum() throws -> Int {
            try #require(try fixture.connection.query(
                "SELECT CAST(COALESCE(SUM(byte_size), 0) AS SIGNED) AS s FROM images WHERE user_id = \(userID) AND is_deleted = FALSE"
            ).first).decode(Int.self, "s")
        }
        let first = try fixture.upload("coffee").details.image.id
        let second = try fixture.upload("a longer marker").details.image.id
        _ = try fixture.upload("theirs", user: fixture.otherUserID)
        #expect(try total() == 2 * 4 + 6 + 15)
        let update = fixture.updater
        _ = try update.replace(userID: userID, imageID: first, bytes: ImageDatabaseFixture.picture("a much longer marker"), title: nil)
        #expect(try total() == 2 * 4 + 20 + 15)
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: userID, imageID: second)
        #expect(try total() == 4 + 20)
        // A repeated delete (already deleted) takes nothing off again.
        try? DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: userID, imageID: second)
        let (counted, summed) = (try total(), try sum())
        #expect(counted == summed)
        #expect(try total() == 24)
        try DeleteAccountUseCase(unitOfWork: fixture.unitOfWork, clock: SystemClock()).execute(userID: userID)
        #expect(try total() == 0)
        #expect(try StorageUsageUseCase(unitOfWork: fixture.unitOfWork, quota: .unlimited).execute(userID: fixture.otherUserID).usedBytes == 10)
    }

    @Test func aRecountPutsWrongTotalsRightAndLeavesTheOthers() throws {
        _ = try fixture.upload("coffee")
        _ = try fixture.upload("theirs", user: fixture.otherUserID)
        // As if an instance of an older version had stored a picture without counting it, and a hand edit.
        try fixture.connection.execute("UPDATE users SET stored_bytes = 3 WHERE id = \(fixture.userID)")
        let recount = RecountStorageUseCase(unitOfWork: fixture.unitOfWork)
        let first = try recount.execute()
        #expect(first.checked == 2)
        #expect(first.corrected.map(\.username) == ["ann@example.org"])
        #expect(first.corrected.first?.before == 3 && first.corrected.first?.after == 10)
        #expect(try StorageUsageUseCase(unitOfWork: fixture.unitOfWork, quota: .unlimited).execute(userID: fixture.userID).usedBytes == 10)
        #expect(try recount.execute().corrected.isEmpty)
    }

    @Test func listIsNewestFirstPagedAndFiltersLabelsLiterally() throws {
        var ids: [Int64] = []
        for marker in ["coffee 1", "cat 2", "coffee 3", "cat 4", "coffee 5"] { ids.append(try fixture.upload(marker).details.image.id) }
        _ = try fixture.upload("cat of bob", user: fixture.otherUserID)
        let list = ListImagesUseCase(unitOfWork: fixture.unitOfWork)
        let first = try list.execute(userID: fixture.userID, limit: 2)
        #expect(first.items.map(\.image.id) == [ids[4], ids[3]])
        #expect(first.items.first?.topPrediction?.label == "espresso")
        let second = try list.execute(userID: fixture.userID, limit: 2, after: first.next)
        #expect(second.items.map(\.image.id) == [ids[2], ids[1]])
        let last = try list.execute(userID: fixture.userID, limit: 2, after: second.next)
        #expect(last.items.map(\.image.id) == [ids[0]])
        #expect(last.nextBeforeID == nil)
        #expect(try list.execute(userID: fixture.userID, label: "TABBY").items.map(\.image.id) == [ids[3], ids[1]])
        // Wildcards are matched literally: "%" and "_" appear only in a cat label.
        #expect(try list.execute(userID: fixture.userID, label: "100%").items.map(\.image.id) == [ids[3], ids[1]])
        #expect(try list.execute(userID: fixture.userID, label: "t_bby").items.isEmpty)
        #expect(try list.execute(userID: fixture.userID, label: "%").items.count == 2)
        // `q`: the title or a current label contains it, ignoring case; another user's "cat of bob" never.
        #expect(try list.execute(userID: fixture.userID, text: "COFFEE 3").items.map(\.image.id) == [ids[2]])
        #expect(try list.execute(userID: fixture.userID, text: "Espresso").items.map(\.image.id) == [ids[4], ids[2], ids[0]])
        #expect(try list.execute(userID: fixture.userID, text: "cat").items.map(\.image.id) == [ids[3], ids[1]])
        #expect(try list.execute(userID: fixture.userID, text: "%").items.map(\.image.id) == [ids[3], ids[1]])
        #expect(try list.execute(userID: fixture.userID, text: "c_ffee").items.isEmpty)
        #expect(try list.execute(userID: fixture.userID, label: "espresso", text: "5").items.map(\.image.id) == [ids[4]])
        let paged = try list.execute(userID: fixture.userID, limit: 1, text: "coffee")
        #expect(paged.items.map(\.image.id) == [ids[4]])
        #expect(try list.execute(userID: fixture.userID, limit: 1, after: paged.next, text: "coffee").items.map(\.image.id) == [ids[2]])
        let tooLong = #expect(throws: DomainError.self) { try list.execute(userID: self.fixture.userID, text: String(repeating: "q", count: 201)) }
        #expect(tooLong?.fieldErrors.map(\.field) == ["q"])
        #expect(throws: DomainError.self) { try list.execute(userID: self.fixture.userID, limit: 0) }
        #expect(throws: DomainError.self) { try list.execute(userID: self.fixture.userID, limit: 101) }
    }

    @Test func idempotencyKeyIsPerUserAndRacesGiveOneImage() throws {
        let first = try fixture.upload("coffee", key: "same")
        let retry = try fixture.upload("coffee", key: "same")
        #expect(first.created && !retry.created)
        #expect(retry.details.image.id == first.details.image.id)
        #expect(try fixture.upload("coffee", user: fixture.otherUserID, key: "same").created)
        #expect(throws: DomainError.idempotencyKeyReused) { try self.fixture.upload("cat", key: "same") }
        // Eight threads with one new key: one image, every caller gets its id.
        let ids = Counter()
        let uploader = fixture.uploader()
        let userID = fixture.userID
        try runOnThreads((0..<8).map { _ in {
            let output = try uploader.execute(.init(userID: userID, bytes: ImageDatabaseFixture.picture("race"), idempotencyKey: "race"))
            ids.increment(by: Int(output.details.image.id))
        } })
        let raced = try #require(try fixture.connection.query("SELECT id FROM images WHERE idempotency_key = 'race'").first?.decode(Int.self, "id"))
        #expect(ids.current == raced * 8)
        #expect(try fixture.rows.count("images", where: "idempotency_key = 'race'") == 1)
        #expect(try fixture.rows.count("predictions", where: "image_id = \(raced)") == 5)
    }

    @Test func registeringModelsKeepsOneDefault() throws {
        let register = RegisterModelsUseCase(unitOfWork: fixture.unitOfWork)
        var other = StubClassifier.model
        other.name = "other-net"
        other.isDefault = false
        _ = try register.execute([StubClassifier.model, other])
        other.isDefault = true
        var stub = StubClassifier.model
        stub.isDefault = false
        _ = try register.execute([stub, other])
        #expect(try fixture.rows.count("models") == 2)
        #expect(try fixture.rows.count("models", where: "is_default") == 1)
        #expect(try fixture.rows.count("models", where: "is_default AND name = 'other-net'") == 1)
    }
}
