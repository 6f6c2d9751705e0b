import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Synchronization
import Testing

/// Share links on MariaDB: one per picture, ended with the picture or the account, and by an administrator.
@Suite final class ShareLinksThroughMariaDBTests {
    let fixture: ImageDatabaseFixture

    init() throws { fixture = try ImageDatabaseFixture() }

    @Test func shareLinksAreOnePerPictureAndEndWithThePictureOrTheAccount() throws {
        let shares = ShareImageUseCase(
            unitOfWork: fixture.unitOfWork, tokens: OpenSSLTokenGenerator(), processor: StubProcessor(), digester: OpenSSLContentDigester()
        )
        let id = try fixture.upload("coffee").details.image.id
        let theirs = try fixture.upload("cat of bob", user: fixture.otherUserID).details.image.id
        #expect(try shares.current(userID: fixture.userID, imageID: id) == nil)
        #expect(throws: DomainError.imageNotFound) { try shares.share(userID: self.fixture.userID, imageID: theirs) }
        #expect(throws: DomainError.imageNotFound) { try shares.stop(userID: self.fixture.userID, imageID: theirs) }

        // Eight threads share the same picture at once (one attempt each, no retry): one link, every answer it.
        let userID = fixture.userID
        let once = ShareImageUseCase(unitOfWork: MariaDBUnitOfWork(pool: fixture.pool, maxAttempts: 1), tokens: OpenSSLTokenGenerator())
        let answers = Mutex<[(String, Bool)]>([])
        try runOnThreads((0..<8).map { _ in {
            let result = try once.share(userID: userID, imageID: id)
            answers.withLock { $0.append((result.share.token, result.created)) }
        } })
        let tokens = Set(answers.withLock { $0.map(\.0) })
        #expect(tokens.count == 1)
        #expect(answers.withLock { $0.filter(\.1).count } == 1)
        let token = try #require(tokens.first)
        #expect(token.count == 43 && ImageShare.isWellFormed(token))
        #expect(try fixture.rows.count("image_shares", where: "image_id = \(id)") == 1)

        let opened = try shares.open(token: token)
        #expect(opened.details.image.id == id && opened.details.bytes == nil)
        #expect(opened.details.predictions.first?.label == "espresso")
        #expect(try shares.content(token: token, variant: .original).bytes == ImageDatabaseFixture.picture("coffee"))
        #expect(throws: DomainError.shareNotFound) { try shares.open(token: token.lowercased() == token ? token.uppercased() : token.lowercased()) }

        #expect(try shares.stop(userID: fixture.userID, imageID: id))
        #expect(try !shares.stop(userID: fixture.userID, imageID: id))
        #expect(throws: DomainError.shareNotFound) { try shares.open(token: token) }
        let renewed = try shares.share(userID: fixture.userID, imageID: id)
        #expect(renewed.created && renewed.share.token != token)

        // Deleting the picture removes its link; deleting an account removes the links of all its pictures.
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: id)
        #expect(try fixture.rows.count("image_shares", where: "image_id = \(id)") == 0)
        #expect(throws: DomainError.shareNotFound) { try shares.content(token: renewed.share.token, variant: .thumbnail) }
        let other = try shares.share(userID: fixture.otherUserID, imageID: theirs).share
        #expect(try shares.open(token: other.token).details.image.id == theirs)
        try DeleteAccountUseCase(unitOfWork: fixture.unitOfWork, clock: SystemClock()).execute(userID: fixture.otherUserID)
        #expect(try fixture.rows.count("image_shares", where: "image_id = \(theirs)") == 0)
        #expect(throws: DomainError.shareNotFound) { try shares.open(token: other.token) }
    }

    @Test func anAdministratorListsEveryLinkAndStopsOneAsReported() throws {
        let shares = ShareImageUseCase(unitOfWork: fixture.unitOfWork, tokens: OpenSSLTokenGenerator())
        let mine = try fixture.upload("coffee").details.image.id
        let theirs = try fixture.upload("cat of bob", user: fixture.otherUserID).details.image.id
        let first = try shares.share(userID: fixture.userID, imageID: mine).share
        let second = try shares.share(userID: fixture.otherUserID, imageID: theirs).share
        let all = try shares.listAll(userID: nil, limit: 10)
        #expect(all.total == 2)
        #expect(Set(all.items.map(\.image.id)) == [mine, theirs])
        #expect(try shares.listAll(userID: fixture.otherUserID, limit: 10).items.map(\.share.token) == [second.token])
        #expect(try shares.list(userID: fixture.userID).items.map(\.share.token) == [first.token])
        #expect(try shares.listAll(userID: nil, limit: 1).items.count == 1)

        // As a report would quote it: the whole URL (with a query or fragment), the path, or the token.
        let stopped = try shares.stop(link: "https://photos.example.org/s/\(second.token)?utm=mail#top")
        #expect(stopped?.imageID == theirs)
        #expect(throws: DomainError.shareNotFound) { try shares.open(token: second.token) }
        #expect(try shares.stop(link: "/s/\(second.token)") == nil, "already stopped")
        #expect(try shares.stop(link: "  \(first.token) ")?.imageID == mine)
        #expect(try shares.listAll(userID: nil, limit: 10).total == 0)
        for bad in ["", "https://photos.example.org/images/3", "/s/short", "/s/../../etc"] {
            #expect(throws: DomainError.self, "\(bad)") { try shares.stop(link: bad) }
        }
    }
}
