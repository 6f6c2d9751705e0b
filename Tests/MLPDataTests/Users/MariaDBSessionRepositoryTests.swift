import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MariaDBSessionRepositoryTests {
    let database: TestDatabase
    let unitOfWork: MariaDBUnitOfWork
    let pool: ConnectionPool
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let tokens = OpenSSLTokenGenerator()
    var userID: Int64 = 0

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
        let now = now
        userID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "erin@example.com"), passwordHash: "h", at: now).id
        }
    }

    private func open(_ token: String) throws -> Session {
        let (userID, now, digest) = (userID, now, tokens.digest(of: token))
        return try unitOfWork.transaction {
            try $0.sessions.create(userID: userID, tokenHash: digest, createdAt: now, expiresAt: now.addingTimeInterval(604_800))
        }
    }

    private func find(_ token: String) throws -> Session? {
        try unitOfWork.transaction { try $0.sessions.find(tokenHash: tokens.digest(of: token)) }
    }

    @Test func storesOnlyTheDigestAndFindsByIt() throws {
        let token = try tokens.generate()
        let session = try open(token)
        let found = try #require(try find(token))
        #expect(found == session)
        #expect(found.tokenHash.count == 32)
        #expect(try find(try tokens.generate()) == nil)
        // The table holds no token in clear.
        let stored = try pool.withConnection { try $0.query("SELECT token_hash FROM sessions").map { try $0.decode([UInt8].self, "token_hash") } }
        #expect(stored == [tokens.digest(of: token)])
        #expect(stored.first != Array(token.utf8))
    }

    @Test func findsTheSessionWithItsActiveUserInOneLookupOutsideATransaction() throws {
        let token = try tokens.generate()
        let session = try open(token)
        let digest = tokens.digest(of: token)
        let found = try #require(try unitOfWork.read { try $0.sessions.findWithActiveUser(tokenHash: digest) })
        #expect(found.session == session)
        #expect(found.user.id == userID)
        #expect(found.user.username.value == "erin@example.com")
        #expect(try unitOfWork.read { try $0.sessions.findWithActiveUser(tokenHash: tokens.digest(of: try tokens.generate())) } == nil)
        // A deleted user's sessions no longer resolve, even before they are revoked.
        let (userID, now) = (userID, now)
        try unitOfWork.transaction { try $0.users.markDeleted(id: userID, at: now) }
        #expect(try unitOfWork.read { try $0.sessions.findWithActiveUser(tokenHash: digest) } == nil)
        #expect(try find(token) != nil)
    }

    @Test func touchMovesLastSeenForwardOnly() throws {
        let token = try tokens.generate()
        let session = try open(token)
        try unitOfWork.transaction { try $0.sessions.touch(id: session.id, at: now.addingTimeInterval(120)) }
        try unitOfWork.transaction { try $0.sessions.touch(id: session.id, at: now.addingTimeInterval(60)) }
        #expect(try find(token)?.lastSeenAt == now.addingTimeInterval(120))
    }

    @Test func revokeOneAndAll() throws {
        let (first, second, third) = (try tokens.generate(), try tokens.generate(), try tokens.generate())
        let one = try open(first)
        _ = try open(second)
        _ = try open(third)
        try unitOfWork.transaction { try $0.sessions.revoke(id: one.id, at: now) }
        try unitOfWork.transaction { try $0.sessions.revoke(id: one.id, at: now.addingTimeInterval(5)) }
        #expect(try find(first)?.revokedAt == now)
        #expect(try find(second)?.revokedAt == nil)
        let userID = userID
        try unitOfWork.transaction { try $0.sessions.revokeAll(userID: userID, except: nil, at: now.addingTimeInterval(10)) }
        #expect(try find(first)?.revokedAt == now)
        #expect(try find(second)?.revokedAt == now.addingTimeInterval(10))
        #expect(try find(third)?.revokedAt == now.addingTimeInterval(10))
    }

    @Test func revokeAllButOneKeepsThatOneAndOtherUsersSessions() throws {
        let (kept, ended, foreign) = (try tokens.generate(), try tokens.generate(), try tokens.generate())
        let (userID, now) = (userID, now)
        let keptSession = try open(kept)
        _ = try open(ended)
        let otherID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "gina@example.com"), passwordHash: "h", at: now).id
        }
        _ = try unitOfWork.transaction {
            try $0.sessions.create(userID: otherID, tokenHash: tokens.digest(of: foreign), createdAt: now, expiresAt: now.addingTimeInterval(60))
        }
        try unitOfWork.transaction { try $0.sessions.revokeAll(userID: userID, except: keptSession.id, at: now) }
        #expect(try find(kept)?.revokedAt == nil)
        #expect(try find(ended)?.revokedAt == now)
        #expect(try find(foreign)?.revokedAt == nil)
    }

    @Test func deleteEndedRemovesOnlySessionsThatCanNoLongerOpen() throws {
        let (live, revoked, idle, expired) = (try tokens.generate(), try tokens.generate(), try tokens.generate(), try tokens.generate())
        let (userID, now) = (userID, now)
        let liveSession = try open(live)
        let revokedSession = try open(revoked)
        _ = try open(idle)
        let later = now.addingTimeInterval(3 * 86_400)
        try unitOfWork.transaction { try $0.sessions.touch(id: liveSession.id, at: later) }
        try unitOfWork.transaction { try $0.sessions.revoke(id: revokedSession.id, at: now) }
        let expiredSession = try unitOfWork.transaction {
            try $0.sessions.create(userID: userID, tokenHash: tokens.digest(of: expired), createdAt: now, expiresAt: now.addingTimeInterval(60))
        }
        // Another user's ended session is not touched.
        let otherID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "finn@example.com"), passwordHash: "h", at: now).id
        }
        let other = try tokens.generate()
        let otherSession = try unitOfWork.transaction {
            try $0.sessions.create(userID: otherID, tokenHash: tokens.digest(of: other), createdAt: now, expiresAt: now.addingTimeInterval(60))
        }
        let deleted = try unitOfWork.transaction {
            try $0.sessions.deleteEnded(userID: userID, at: later, idleCutoff: later.addingTimeInterval(-86_400))
        }
        #expect(deleted == 3)
        #expect(try find(live) != nil)
        #expect(try find(revoked) == nil && find(idle) == nil && find(expired) == nil)
        #expect(try find(other)?.id == otherSession.id)
        _ = expiredSession
    }
}
