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

    private func open(_ token: String, origin: SessionOrigin = SessionOrigin()) throws -> Session {
        let (userID, now, digest) = (userID, now, tokens.digest(of: token))
        return try unitOfWork.transaction {
            try $0.sessions.create(userID: userID, tokenHash: digest, createdAt: now, expiresAt: now.addingTimeInterval(604_800), origin: origin)
        }
    }

    private func find(_ token: String) throws -> Session? {
        try unitOfWork.transaction { try $0.sessions.find(tokenHash: tokens.digest(of: token)) }
    }

    /// API keys are sessions with a name: found by the token check with their kind, listed apart from logins,
    /// never deleted or refused for being idle, revoked by id only as keys, and kept by "log out everywhere else".
    @Test func apiKeysAreSessionsOfTheirOwnKind() throws {
        let (userID, now) = (userID, now)
        let login = try open(try tokens.generate())
        let keyToken = try tokens.generate()
        let key = try unitOfWork.transaction {
            try $0.sessions.create(
                userID: userID, tokenHash: tokens.digest(of: keyToken), createdAt: now, expiresAt: now.addingTimeInterval(86_400 * 30),
                origin: SessionOrigin(userAgent: "backup.sh"), key: SessionKey(name: "nightly “backup” ✓", readOnly: true)
            )
        }
        let found = try #require(try unitOfWork.read { try $0.sessions.findWithActiveUser(tokenHash: tokens.digest(of: keyToken)) })
        #expect(found.session.key == SessionKey(name: "nightly “backup” ✓", readOnly: true))
        #expect(try find(keyToken)?.key == key.key)
        let later = now.addingTimeInterval(7 * 86_400)
        let idleCutoff = later.addingTimeInterval(-86_400)
        let (logins, keys) = try unitOfWork.read {
            (try $0.sessions.listOpen(userID: userID, at: now, idleCutoff: now.addingTimeInterval(-60), limit: 10),
             try $0.sessions.listKeys(userID: userID, at: later, limit: 10))
        }
        #expect(logins.sessions.map(\.id) == [login.id] && logins.total == 1)
        #expect(keys.map(\.id) == [key.id] && keys.first?.origin.userAgent == "backup.sh")
        // A week without use ends the login, not the key; housekeeping deletes only the login.
        #expect(try unitOfWork.transaction { try $0.sessions.deleteEnded(userID: userID, at: later, idleCutoff: idleCutoff) } == 1)
        #expect(try find(keyToken) != nil)
        // A key is not revoked as a login, nor a login as a key.
        let second = try open(try tokens.generate())
        #expect(try unitOfWork.transaction { try $0.sessions.revoke(id: key.id, userID: userID, at: now, idleCutoff: now.addingTimeInterval(-60)) } == false)
        #expect(try unitOfWork.transaction { try $0.sessions.revokeKey(id: second.id, userID: userID, at: now) } == false)
        #expect(try unitOfWork.transaction { try $0.sessions.revokeAll(userID: userID, except: nil, keepingKeys: true, at: now) } == 1)
        #expect(try find(keyToken)?.revokedAt == nil)
        #expect(try unitOfWork.transaction { try $0.sessions.revokeKey(id: key.id, userID: userID + 1, at: now) } == false)
        #expect(try unitOfWork.transaction { try $0.sessions.revokeKey(id: key.id, userID: userID, at: now) } == true)
        #expect(try unitOfWork.transaction { try $0.sessions.revokeKey(id: key.id, userID: userID, at: now) } == false)
        #expect(try unitOfWork.read { try $0.sessions.listKeys(userID: userID, at: now, limit: 10) }.isEmpty)
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
        #expect(try unitOfWork.transaction { try $0.sessions.revokeAll(userID: userID, except: nil, at: now.addingTimeInterval(10)) } == 2)
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
            try $0.sessions.create(userID: otherID, tokenHash: tokens.digest(of: foreign), createdAt: now, expiresAt: now.addingTimeInterval(60), origin: SessionOrigin())
        }
        #expect(try unitOfWork.transaction { try $0.sessions.revokeAll(userID: userID, except: keptSession.id, at: now) } == 1)
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
            try $0.sessions.create(userID: userID, tokenHash: tokens.digest(of: expired), createdAt: now, expiresAt: now.addingTimeInterval(60), origin: SessionOrigin())
        }
        // Another user's ended session is not touched.
        let otherID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "finn@example.com"), passwordHash: "h", at: now).id
        }
        let other = try tokens.generate()
        let otherSession = try unitOfWork.transaction {
            try $0.sessions.create(userID: otherID, tokenHash: tokens.digest(of: other), createdAt: now, expiresAt: now.addingTimeInterval(60), origin: SessionOrigin())
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

    @Test func listsOpenSessionsWithTheirOriginMostRecentlyUsedFirst() throws {
        let (userID, now) = (userID, now)
        let phone = try open(try tokens.generate(), origin: SessionOrigin(userAgent: "Mozilla/5.0 (Android 14) Firefox/133.0", clientAddress: "2001:db8::7"))
        let laptop = try open(try tokens.generate(), origin: SessionOrigin(userAgent: "curl/8.5.0 ünïcödé 🚀", clientAddress: "192.0.2.4"))
        let unknown = try open(try tokens.generate())
        let revoked = try open(try tokens.generate())
        let idle = try open(try tokens.generate())
        try unitOfWork.transaction { try $0.sessions.touch(id: phone.id, at: now.addingTimeInterval(300)) }
        try unitOfWork.transaction { try $0.sessions.touch(id: laptop.id, at: now.addingTimeInterval(200)) }
        try unitOfWork.transaction { try $0.sessions.touch(id: unknown.id, at: now.addingTimeInterval(100)) }
        try unitOfWork.transaction { try $0.sessions.touch(id: revoked.id, at: now.addingTimeInterval(400)) }
        try unitOfWork.transaction { try $0.sessions.revoke(id: revoked.id, at: now.addingTimeInterval(400)) }
        let otherID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "hugo@example.com"), passwordHash: "h", at: now).id
        }
        _ = try unitOfWork.transaction {
            try $0.sessions.create(
                userID: otherID, tokenHash: tokens.digest(of: try tokens.generate()), createdAt: now,
                expiresAt: now.addingTimeInterval(600), origin: SessionOrigin()
            )
        }
        let at = now.addingTimeInterval(500)
        // `idle` was last seen at `now`: a cutoff just after it leaves it out.
        let listed = try unitOfWork.read { try $0.sessions.listOpen(userID: userID, at: at, idleCutoff: now.addingTimeInterval(1), limit: 10) }
        #expect(listed.sessions.map(\.id) == [phone.id, laptop.id, unknown.id])
        #expect(listed.total == 3)
        #expect(listed.sessions[0].origin == SessionOrigin(userAgent: "Mozilla/5.0 (Android 14) Firefox/133.0", clientAddress: "2001:db8::7"))
        #expect(listed.sessions[1].origin.userAgent == "curl/8.5.0 ünïcödé 🚀")
        #expect(listed.sessions[2].origin == SessionOrigin())
        #expect(!listed.sessions.map(\.id).contains(idle.id))
        // The limit cuts the list, not the count; expired sessions are not open.
        let first = try unitOfWork.read { try $0.sessions.listOpen(userID: userID, at: at, idleCutoff: now.addingTimeInterval(1), limit: 1) }
        #expect(first.sessions.map(\.id) == [phone.id] && first.total == 3)
        let afterExpiry = now.addingTimeInterval(604_800)
        #expect(try unitOfWork.read { try $0.sessions.listOpen(userID: userID, at: afterExpiry, idleCutoff: now, limit: 10) }.total == 0)
    }

    @Test func revokingByIDTouchesOnlyAnOpenSessionOfThatUser() throws {
        let (userID, now) = (userID, now)
        let token = try tokens.generate()
        let session = try open(token)
        let otherID = try unitOfWork.transaction {
            try $0.users.create(username: Username(validating: "iris@example.com"), passwordHash: "h", at: now).id
        }
        let cutoff = now.addingTimeInterval(-60)
        #expect(try unitOfWork.transaction { try $0.sessions.revoke(id: session.id, userID: otherID, at: now, idleCutoff: cutoff) } == false)
        #expect(try find(token)?.revokedAt == nil)
        // Idle: last seen before the cutoff.
        #expect(try unitOfWork.transaction { try $0.sessions.revoke(id: session.id, userID: userID, at: now, idleCutoff: now) } == false)
        #expect(try unitOfWork.transaction { try $0.sessions.revoke(id: session.id, userID: userID, at: now, idleCutoff: cutoff) } == true)
        #expect(try find(token)?.revokedAt == now)
        let later = now.addingTimeInterval(5)
        #expect(try unitOfWork.transaction { try $0.sessions.revoke(id: session.id, userID: userID, at: later, idleCutoff: cutoff) } == false)
        #expect(try find(token)?.revokedAt == now)
    }

    @Test func aUserAgentLongerThanTheColumnIsCutNotRefused() throws {
        let long = String(repeating: "é", count: 300) + "\u{202E}\n"
        let token = try tokens.generate()
        _ = try open(token, origin: SessionOrigin(userAgent: long, clientAddress: String(repeating: "f", count: 100)))
        let userID = userID
        let listed = try unitOfWork.read { try $0.sessions.listOpen(userID: userID, at: now, idleCutoff: now.addingTimeInterval(-1), limit: 10) }
        #expect(listed.sessions.first?.origin.userAgent == String(repeating: "é", count: 255))
        #expect(listed.sessions.first?.origin.clientAddress == String(repeating: "f", count: 64))
    }
}
