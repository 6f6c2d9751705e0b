import Foundation
import MLPDomain
import MariaDB

/// ``AlbumShareRepository`` over the `album_shares` table (one row per shared album, migration 11).
public struct MariaDBAlbumShareRepository: AlbumShareRepository {
    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    public func find(albumID: Int64) throws -> AlbumShare? {
        try connection.query("SELECT album_id, token, created_at FROM album_shares WHERE album_id = \(albumID)").first
            .map { try Self.share($0) }
    }

    public func find(token: String) throws -> (share: AlbumShare, album: Album)? {
        try connection.query("""
            SELECT s.album_id, s.token, s.created_at AS shared_at, a.id, a.user_id, a.name, a.created_at, a.updated_at
            FROM album_shares s
            JOIN albums a ON a.id = s.album_id
            JOIN users u ON u.id = a.user_id AND u.is_deleted = FALSE
            WHERE s.token = \(token)
            """).first.map { (try Self.share($0, createdAt: "shared_at"), try MariaDBAlbumRepository.album($0)) }
    }

    public func list(userID: Int64?, limit: Int) throws -> (items: [SharedAlbum], total: Int) {
        // `COUNT(*) OVER ()` counts every row before the LIMIT: the total comes with the page.
        let owner = userID.map { " AND a.user_id = \($0)" } ?? ""
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT s.album_id, s.token, s.created_at AS shared_at, a.id, a.user_id, a.name, a.created_at, a.updated_at,
                COUNT(*) OVER () AS total
            FROM album_shares s
            JOIN albums a ON a.id = s.album_id
            JOIN users u ON u.id = a.user_id AND u.is_deleted = FALSE
            WHERE TRUE\(owner)
            ORDER BY s.created_at DESC, s.album_id DESC
            LIMIT ?
            """, binds: [.int(Int64(limit))]))
        let items = try rows.map {
            SharedAlbum(share: try Self.share($0, createdAt: "shared_at"), album: try MariaDBAlbumRepository.album($0))
        }
        return (items, try rows.first?.decode(Int.self, "total") ?? 0)
    }

    public func insert(_ share: AlbumShare) throws {
        try DatabaseErrorMapping.translating(conflictMessage: "The album already has a link.") {
            _ = try connection.execute(
                "INSERT INTO album_shares (album_id, token, created_at) VALUES (\(share.albumID), \(share.token), \(share.createdAt))"
            )
        }
    }

    public func delete(albumID: Int64) throws -> Bool {
        try connection.execute("DELETE FROM album_shares WHERE album_id = \(albumID)").affectedRows > 0
    }

    public func delete(token: String) throws -> AlbumShare? {
        guard let share = try connection.query(
            "SELECT album_id, token, created_at FROM album_shares WHERE token = \(token) FOR UPDATE"
        ).first.map({ try Self.share($0) }) else { return nil }
        try connection.execute("DELETE FROM album_shares WHERE album_id = \(share.albumID)")
        return share
    }

    private static func share(_ row: Row, createdAt: String = "created_at") throws -> AlbumShare {
        AlbumShare(
            albumID: try row.decode(Int64.self, "album_id"), token: try row.decode(String.self, "token"),
            createdAt: try row.decode(Date.self, createdAt)
        )
    }
}
