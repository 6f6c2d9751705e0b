import Foundation
import MLPDomain
import MariaDB

/// ``ImageShareRepository`` over the `image_shares` table (one row per shared image).
public struct MariaDBImageShareRepository: ImageShareRepository {
    let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    public func find(imageID: Int64) throws -> ImageShare? {
        try connection.query("SELECT image_id, token, created_at FROM image_shares WHERE image_id = \(imageID)").first.map(Self.share)
    }

    public func find(token: String) throws -> ImageShare? {
        try connection.query("""
            SELECT s.image_id, s.token, s.created_at FROM image_shares s
            JOIN images i ON i.id = s.image_id AND i.is_deleted = FALSE
            WHERE s.token = \(token)
            """).first.map(Self.share)
    }

    public func list(userID: Int64?, limit: Int) throws -> (items: [SharedImage], total: Int) {
        // `COUNT(*) OVER ()` counts every row before the LIMIT: the total comes with the page.
        let owner = userID.map { " AND i.user_id = \($0)" } ?? ""
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT s.image_id, s.token, s.created_at AS shared_at, \(MariaDBImageRepository.columns), COUNT(*) OVER () AS total
            FROM images i JOIN image_shares s ON s.image_id = i.id
            WHERE i.is_deleted = FALSE\(owner)
            ORDER BY s.created_at DESC, s.image_id DESC
            LIMIT ?
            """, binds: [.int(Int64(limit))]))
        let items = try rows.map { row in
            SharedImage(
                share: ImageShare(
                    imageID: try row.decode(Int64.self, "image_id"), token: try row.decode(String.self, "token"),
                    createdAt: try row.decode(Date.self, "shared_at")
                ),
                image: try MariaDBImageRepository.image(row)
            )
        }
        return (items, try rows.first?.decode(Int.self, "total") ?? 0)
    }

    private static func share(_ row: Row) throws -> ImageShare {
        ImageShare(
            imageID: try row.decode(Int64.self, "image_id"), token: try row.decode(String.self, "token"),
            createdAt: try row.decode(Date.self, "created_at")
        )
    }

    public func insert(_ share: ImageShare) throws {
        try DatabaseErrorMapping.translating(conflictMessage: "The picture already has a link.") {
            _ = try connection.execute(
                "INSERT INTO image_shares (image_id, token, created_at) VALUES (\(share.imageID), \(share.token), \(share.createdAt))"
            )
        }
    }

    public func delete(token: String) throws -> ImageShare? {
        guard let share = try connection.query(
            "SELECT image_id, token, created_at FROM image_shares WHERE token = \(token) FOR UPDATE"
        ).first.map(Self.share) else { return nil }
        try connection.execute("DELETE FROM image_shares WHERE image_id = \(share.imageID)")
        return share
    }

    public func delete(imageID: Int64) throws -> Bool {
        try connection.execute("DELETE FROM image_shares WHERE image_id = \(imageID)").affectedRows > 0
    }
}
