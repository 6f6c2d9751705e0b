import Foundation
import MLPDomain

/// The share links of ``InMemoryImageRepositories``.
extension InMemoryImageRepositories {
    func find(imageID: Int64) throws -> ImageShare? { state.shares[imageID] }

    func find(token: String) throws -> ImageShare? {
        state.shares.values.first { $0.token == token && active($0.imageID, nil) != nil }
    }

    func insert(_ share: ImageShare) throws {
        guard state.shares[share.imageID] == nil, !state.shares.values.contains(where: { $0.token == share.token }) else {
            throw DomainError(.conflict, "The picture already has a link.")
        }
        state.shares[share.imageID] = share
    }

    func delete(imageID: Int64) throws -> Bool {
        state.shares.removeValue(forKey: imageID) != nil
    }

    func delete(token: String) throws -> ImageShare? {
        guard let share = state.shares.values.first(where: { $0.token == token }) else { return nil }
        state.shares[share.imageID] = nil
        return share
    }

    func list(userID: Int64?, limit: Int) throws -> (items: [SharedImage], total: Int) {
        let all = state.shares.values.compactMap { share in active(share.imageID, userID).map { SharedImage(share: share, image: $0.image) } }
            .sorted { ($1.share.createdAt, $1.share.imageID) < ($0.share.createdAt, $0.share.imageID) }
        return (Array(all.prefix(limit)), all.count)
    }
}
