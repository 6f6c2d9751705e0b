import MLPDomain
import MariaDB

extension MariaDBImageRepository {
    public func neighbours(id: Int64, userID: Int64, order: ImageOrder) throws -> PictureNeighbours {
        let row: Row?
        switch order {
        case .uploaded:
            // Two reads of the end of a range of `images_user_active` (user, is_deleted, id).
            row = try connection.query("""
                SELECT (SELECT MIN(id) FROM images WHERE user_id = \(userID) AND is_deleted = FALSE AND id > \(id)) AS newer,
                    (SELECT MAX(id) FROM images WHERE user_id = \(userID) AND is_deleted = FALSE AND id < \(id)) AS older
                """).first
        case .taken:
            // The picture's own place, then the first entry on each side of it in `images_user_timeline`
            // (user, is_deleted, timeline_at, id): two short reads of the index, in order.
            row = try connection.query("""
                SELECT (SELECT n.id FROM images n WHERE n.user_id = c.user_id AND n.is_deleted = FALSE
                        AND (n.timeline_at > c.timeline_at OR (n.timeline_at = c.timeline_at AND n.id > c.id))
                        ORDER BY n.timeline_at, n.id LIMIT 1) AS newer,
                    (SELECT o.id FROM images o WHERE o.user_id = c.user_id AND o.is_deleted = FALSE
                        AND (o.timeline_at < c.timeline_at OR (o.timeline_at = c.timeline_at AND o.id < c.id))
                        ORDER BY o.timeline_at DESC, o.id DESC LIMIT 1) AS older
                FROM images c WHERE c.id = \(id) AND c.user_id = \(userID)
                """).first
        }
        return PictureNeighbours(newer: try row?.decode(Int64?.self, "newer"), older: try row?.decode(Int64?.self, "older"))
    }
}
