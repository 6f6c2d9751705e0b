import Foundation
import MLPDomain

/// Albums over the working copy of ``InMemoryImageRepositories``, as MariaDBAlbumRepository keeps them.
struct InMemoryAlbums: AlbumRepository {
    let repositories: InMemoryImageRepositories

    private var state: InMemoryImageStore.State {
        get { repositories.state }
        nonmutating set { repositories.state = newValue }
    }

    private func activeImage(_ id: Int64, of userID: Int64) -> Bool {
        state.images[id].map { !$0.isDeleted && $0.image.userID == userID } ?? false
    }

    private func nameTaken(_ name: String, userID: Int64, except: Int64?) -> Bool {
        state.albums.values.contains { $0.userID == userID && $0.id != except && $0.name.lowercased() == name.lowercased() }
    }

    private func summary(_ album: Album) -> AlbumSummary {
        let held = (state.albumImages[album.id] ?? [:]).filter { activeImage($0.key, of: album.userID) }
        if let chosen = state.albumCovers[album.id], held[chosen] != nil {
            return AlbumSummary(album: album, pictureCount: held.count, coverImageID: chosen, coverChosen: true)
        }
        let cover = held.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        return AlbumSummary(album: album, pictureCount: held.count, coverImageID: cover)
    }

    func create(userID: Int64, name: String, at date: Date) throws -> Album {
        guard !nameTaken(name, userID: userID, except: nil) else { throw DomainError(.conflict, "You have an album of that name already.") }
        let album = Album(id: repositories.makeID(), userID: userID, name: name, createdAt: date, updatedAt: date)
        state.albums[album.id] = album
        return album
    }

    func list(userID: Int64, limit: Int) throws -> [AlbumSummary] {
        Array(state.albums.values.filter { $0.userID == userID }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .prefix(limit).map(summary))
    }

    func count(userID: Int64) throws -> Int { state.albums.values.filter { $0.userID == userID }.count }

    func find(id: Int64, userID: Int64) throws -> AlbumSummary? {
        state.albums[id].flatMap { $0.userID == userID ? summary($0) : nil }
    }

    func rename(id: Int64, name: String, at date: Date) throws {
        guard let album = state.albums[id] else { return }
        guard !nameTaken(name, userID: album.userID, except: id) else { throw DomainError(.conflict, "You have an album of that name already.") }
        state.albums[id]?.name = name
        state.albums[id]?.updatedAt = date
    }

    func delete(id: Int64) throws {
        state.albums[id] = nil
        state.albumImages[id] = nil
        state.albumShares[id] = nil
        state.albumCovers[id] = nil
    }

    func add(albumID: Int64, imageIDs: [Int64], userID: Int64, at date: Date) throws -> Set<Int64> {
        var found = Set<Int64>()
        for id in imageIDs where activeImage(id, of: userID) {
            if state.albumImages[albumID]?[id] == nil { state.albumImages[albumID, default: [:]][id] = date }
            found.insert(id)
        }
        return found
    }

    func remove(albumID: Int64, imageID: Int64) throws -> Bool {
        guard state.albumImages[albumID]?.removeValue(forKey: imageID) != nil else { return false }
        if state.albumCovers[albumID] == imageID { state.albumCovers[albumID] = nil }
        return true
    }

    func setCover(albumID: Int64, imageID: Int64?, at date: Date) throws {
        state.albumCovers[albumID] = imageID
        state.albums[albumID]?.updatedAt = date
    }

    func pictures(in album: AlbumSummary, order: ImageOrder, after: ImageListPosition?, limit: Int) throws -> [ImageSummary] {
        held(album.album.id, order: order).filter { image in after.map { InMemoryImageRepositories.isBefore(image, $0, in: order) } ?? true }
            .prefix(limit).map { ImageSummary(image: $0, topPrediction: repositories.currentSet($0.id).first) }
    }

    /// The album's active pictures in `order`, latest first.
    private func held(_ albumID: Int64, order: ImageOrder) -> [Image] {
        (state.albumImages[albumID] ?? [:]).keys.compactMap { id in state.images[id].flatMap { $0.isDeleted ? nil : $0.image } }
            .sorted { InMemoryImageRepositories.isBefore($1, $0.listPosition, in: order) }
    }

    func pictureIDs(albumID: Int64, afterID: Int64, limit: Int) throws -> [Int64] {
        Array((state.albumImages[albumID] ?? [:]).keys.filter { id in
            id > afterID && state.images[id].map { !$0.isDeleted } ?? false
        }.sorted().prefix(limit))
    }

    func neighbours(albumID: Int64, imageID: Int64, order: ImageOrder) throws -> PictureNeighbours {
        let held = held(albumID, order: order).map(\.id)
        guard let index = held.firstIndex(of: imageID) else { return PictureNeighbours(newer: nil, older: nil, position: 0, count: held.count) }
        return PictureNeighbours(
            newer: index > 0 ? held[index - 1] : nil, older: index + 1 < held.count ? held[index + 1] : nil, position: index + 1,
            count: held.count
        )
    }

    func contains(albumID: Int64, imageID: Int64) throws -> Bool {
        state.albumImages[albumID]?[imageID] != nil && state.images[imageID].map { !$0.isDeleted } ?? false
    }

    func albums(containing imageID: Int64, userID: Int64) throws -> [Album] {
        state.albums.values.filter { $0.userID == userID && state.albumImages[$0.id]?[imageID] != nil }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }
}

/// Album links over the working copy of ``InMemoryImageRepositories``, as MariaDBAlbumShareRepository keeps them
/// (the fake has no deleted accounts: deleting one removes its albums' links, as it does in the database).
struct InMemoryAlbumShares: AlbumShareRepository {
    let repositories: InMemoryImageRepositories

    private var state: InMemoryImageStore.State {
        get { repositories.state }
        nonmutating set { repositories.state = newValue }
    }

    func find(albumID: Int64) throws -> AlbumShare? { state.albumShares[albumID] }

    func find(token: String) throws -> (share: AlbumShare, album: Album)? {
        state.albumShares.values.first { $0.token == token }.flatMap { share in state.albums[share.albumID].map { (share, $0) } }
    }

    func insert(_ share: AlbumShare) throws {
        guard state.albumShares[share.albumID] == nil, !state.albumShares.values.contains(where: { $0.token == share.token }) else {
            throw DomainError(.conflict, "The album already has a link.")
        }
        state.albumShares[share.albumID] = share
    }

    func delete(albumID: Int64) throws -> Bool { state.albumShares.removeValue(forKey: albumID) != nil }

    func delete(token: String) throws -> AlbumShare? {
        guard let share = state.albumShares.values.first(where: { $0.token == token }) else { return nil }
        state.albumShares[share.albumID] = nil
        return share
    }

    func list(userID: Int64?, limit: Int) throws -> (items: [SharedAlbum], total: Int) {
        let all = state.albumShares.values.compactMap { share in
            state.albums[share.albumID].flatMap { userID == nil || $0.userID == userID ? SharedAlbum(share: share, album: $0) : nil }
        }.sorted { ($1.share.createdAt, $1.share.albumID) < ($0.share.createdAt, $0.share.albumID) }
        return (Array(all.prefix(limit)), all.count)
    }
}
