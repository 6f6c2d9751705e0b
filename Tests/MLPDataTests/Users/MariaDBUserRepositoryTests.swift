import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Testing

@Suite final class MariaDBUserRepositoryTests {
    let database: TestDatabase
    let unitOfWork: MariaDBUnitOfWork
    let pool: ConnectionPool
    let now = Date(timeIntervalSince1970: 1_800_000_000.25)

    init() throws {
        database = try TestDatabase()
        pool = ConnectionPool(configuration: database.configuration, maxConnections: 2)
        unitOfWork = MariaDBUnitOfWork(pool: pool)
        _ = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
    }

    private func create(_ name: String, hash: String = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA") throws -> User {
        try unitOfWork.transaction { try $0.users.create(username: Username(validating: name), passwordHash: hash, at: now) }
    }

    @Test func createsAndFindsAnAccountWithItsHash() throws {
        let user = try create("Alice@Example.com")
        #expect(user.id > 0)
        let found = try unitOfWork.transaction { try $0.users.findActive(id: user.id) }
        #expect(found?.username.value == "Alice@example.com")
        #expect(found?.createdAt == now)
        #expect(found?.isDeleted == false)
        let credentials = try unitOfWork.transaction {
            try $0.users.findActiveCredentials(username: Username(validating: "ALICE@example.COM"))
        }
        #expect(credentials?.user.id == user.id)
        #expect(credentials?.passwordHash == "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
    }

    @Test func duplicateUsernameIsAConflictCaseInsensitively() throws {
        _ = try create("bob@example.com")
        let error = #expect(throws: DomainError.self) { try self.create("BOB@example.com") }
        #expect(error?.code == .conflict)
    }

    @Test func deletedAccountIsHiddenAndItsUsernameFreeAgain() throws {
        let user = try create("carol@example.com")
        let later = now.addingTimeInterval(60)
        try unitOfWork.transaction { try $0.users.markDeleted(id: user.id, at: later) }
        #expect(try unitOfWork.transaction { try $0.users.findActive(id: user.id) } == nil)
        #expect(try unitOfWork.transaction { try $0.users.findActiveCredentials(username: user.username) } == nil)
        let again = try create("carol@example.com")
        #expect(again.id != user.id)
        let all = try unitOfWork.transaction { try $0.users.list(includeDeleted: true, afterID: nil, limit: 10) }
        #expect(all.map(\.id) == [user.id, again.id])
        #expect(all.first?.isDeleted == true)
        #expect(all.first?.deletedAt == later)
        let active = try unitOfWork.transaction { try $0.users.list(includeDeleted: false, afterID: nil, limit: 10) }
        #expect(active.map(\.id) == [again.id])
    }

    @Test func updatesThePasswordHash() throws {
        let user = try create("dave@example.com")
        try unitOfWork.transaction { try $0.users.updatePasswordHash(id: user.id, passwordHash: "new-hash", at: now) }
        let credentials = try unitOfWork.transaction { try $0.users.findActiveCredentials(username: user.username) }
        #expect(credentials?.passwordHash == "new-hash")
    }

    @Test func listPagesInIDOrder() throws {
        let ids = try (1...5).map { try create("user\($0)@example.com").id }
        let first = try unitOfWork.transaction { try $0.users.list(includeDeleted: false, afterID: nil, limit: 2) }
        let next = try unitOfWork.transaction { try $0.users.list(includeDeleted: false, afterID: first.last?.id, limit: 10) }
        #expect(first.map(\.id) == Array(ids.prefix(2)))
        #expect(next.map(\.id) == Array(ids.dropFirst(2)))
    }
}
