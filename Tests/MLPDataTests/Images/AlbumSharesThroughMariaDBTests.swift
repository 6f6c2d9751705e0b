import Foundation
import MLPData
import MLPDomain
import MariaDB
import MariaDBTestSupport
import Synchronization
import Testing

/// Album links on MariaDB (migration 11): one per album, opening only what the album holds, ended with the album
/// or the account, and by an administrator.
@Suite final class AlbumSharesThroughMariaDBTests {
    let fixture: ImageDatabaseFixture
    let albums: AlbumsUseCase
    let shares: ShareAlbumUseCase

    init() throws {
        fixture = try ImageDatabaseFixture()
        albums = AlbumsUseCase(unitOfWork: fixture.unitOfWork)
        shares = ShareAlbumUseCase(
            unitOfWork: fixture.unitOfWork, tokens: OpenSSLTokenGenerator(), processor: StubProcessor(), digester: OpenSSLContentDigester()
        )
    }

    @Test func aLinkIsOnePerAlbumAndOpensOnlyWhatTheAlbumHolds() throws {
        let ids = try (1...3).map { try fixture.upload("coffee \($0)").details.image.id }
        let outside = try fixture.upload("not in the album").details.image.id
        let theirs = try fixture.upload("cat of bob", user: fixture.otherUserID).details.image.id
        let album = try albums.create(userID: fixture.userID, name: "Mornings").album.id
        _ = try albums.add(userID: fixture.userID, albumID: album, imageIDs: ids + [theirs])
        let bobs = try albums.create(userID: fixture.otherUserID, name: "Bob's").album.id
        #expect(throws: DomainError.albumNotFound) { try self.shares.share(userID: self.fixture.userID, albumID: bobs) }
        #expect(try shares.current(userID: fixture.userID, albumID: album) == nil)

        // Eight threads share the same album at once (one attempt each, no retry): one link, every answer it.
        let userID = fixture.userID
        let once = ShareAlbumUseCase(unitOfWork: MariaDBUnitOfWork(pool: fixture.pool, maxAttempts: 1), tokens: OpenSSLTokenGenerator())
        let answers = Mutex<[(String, Bool)]>([])
        try runOnThreads((0..<8).map { _ in {
            let result = try once.share(userID: userID, albumID: album)
            answers.withLock { $0.append((result.share.token, result.created)) }
        } })
        let tokens = Set(answers.withLock { $0.map(\.0) })
        #expect(tokens.count == 1 && answers.withLock { $0.filter(\.1).count } == 1)
        let token = try #require(tokens.first)
        #expect(token.count == 43 && ImageShare.isWellFormed(token))
        #expect(try fixture.rows.count("album_shares", where: "album_id = \(album)") == 1)

        let opened = try shares.open(token: token, limit: 2)
        #expect(opened.album.album.name == "Mornings" && opened.album.pictureCount == 3)
        #expect(opened.page.items.map(\.image.id) == [ids[2], ids[1]])
        #expect(try shares.open(token: token, limit: 2, after: opened.page.next).page.items.map(\.image.id) == [ids[0]])
        let picture = try shares.picture(token: token, imageID: ids[1])
        #expect(picture.details.image.id == ids[1] && picture.album.id == album && picture.details.bytes == nil)
        #expect(picture.details.predictions.first?.label == "espresso")
        #expect(picture.neighbours == PictureNeighbours(newer: ids[2], older: ids[0], position: 2, count: 3))
        #expect(try shares.picture(token: token, imageID: ids[2]).neighbours == PictureNeighbours(newer: nil, older: ids[1], position: 1, count: 3))
        #expect(try shares.content(token: token, imageID: ids[1], variant: .original).bytes == ImageDatabaseFixture.picture("coffee 2"))
        #expect(try !shares.content(token: token, imageID: ids[1], variant: .thumbnail).bytes.isEmpty)
        for id in [outside, theirs, 0, Int64.max] {
            #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.picture(token: token, imageID: id) }
            #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.content(token: token, imageID: id, variant: .original) }
        }
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.open(token: token.lowercased() == token ? token.uppercased() : token.lowercased()) }

        // Taken out, or deleted: no longer through the link.
        try albums.remove(userID: fixture.userID, albumID: album, imageID: ids[0])
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.picture(token: token, imageID: ids[0]) }
        try DeleteImageUseCase(unitOfWork: fixture.unitOfWork).execute(userID: fixture.userID, imageID: ids[1])
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.content(token: token, imageID: ids[1], variant: .thumbnail) }
        #expect(try shares.open(token: token).page.items.map(\.image.id) == [ids[2]])

        // Stopped, then shared again: a new token, the old one dead.
        #expect(try shares.stop(userID: fixture.userID, albumID: album))
        #expect(try !shares.stop(userID: fixture.userID, albumID: album))
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.open(token: token) }
        let renewed = try shares.share(userID: fixture.userID, albumID: album)
        #expect(renewed.created && renewed.share.token != token)
        // Deleting the album ends the link (the foreign key).
        try albums.delete(userID: fixture.userID, albumID: album)
        #expect(try fixture.rows.count("album_shares", where: "album_id = \(album)") == 0)
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.open(token: renewed.share.token) }
    }

    @Test func deletingTheAccountEndsItsAlbumLinks() throws {
        let theirs = try fixture.upload("cat of bob", user: fixture.otherUserID).details.image.id
        let album = try albums.create(userID: fixture.otherUserID, name: "Cats").album.id
        _ = try albums.add(userID: fixture.otherUserID, albumID: album, imageIDs: [theirs])
        let token = try shares.share(userID: fixture.otherUserID, albumID: album).share.token
        #expect(try shares.open(token: token).page.items.count == 1)
        try DeleteAccountUseCase(unitOfWork: fixture.unitOfWork, clock: SystemClock()).execute(userID: fixture.otherUserID)
        #expect(try fixture.rows.count("album_shares", where: "album_id = \(album)") == 0)
        #expect(throws: DomainError.sharedAlbumNotFound) { try self.shares.open(token: token) }
    }

    @Test func anAdministratorListsAlbumLinksAndStopsOneAsReported() throws {
        let mine = try albums.create(userID: fixture.userID, name: "Mine").album.id
        let theirs = try albums.create(userID: fixture.otherUserID, name: "Theirs").album.id
        let first = try shares.share(userID: fixture.userID, albumID: mine).share
        Thread.sleep(forTimeInterval: 0.002)
        let second = try shares.share(userID: fixture.otherUserID, albumID: theirs).share
        let all = try shares.listAll(userID: nil, limit: 10)
        #expect(all.total == 2 && all.items.map(\.album.name) == ["Theirs", "Mine"], "newest link first")
        #expect(try shares.listAll(userID: nil, limit: 1).items.count == 1)
        #expect(try shares.list(userID: fixture.userID).items.map(\.share.token) == [first.token])
        #expect(try shares.stop(link: "https://photos.example/a/\(second.token)/12/content")?.albumID == theirs)
        #expect(try shares.stop(link: second.token) == nil)
        #expect(try shares.listAll(userID: nil, limit: 10).items.map(\.album.id) == [mine])
    }
}
