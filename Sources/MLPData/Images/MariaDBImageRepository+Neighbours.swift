import MLPDomain
import MariaDB

extension MariaDBImageRepository {
    public func neighbours(id: Int64, userID: Int64) throws -> PictureNeighbours {
        // Two reads of the end of a range of `images_user_active` (user, is_deleted, id).
        let row = try connection.query("""
            SELECT (SELECT MIN(id) FROM images WHERE user_id = \(userID) AND is_deleted = FALSE AND id > \(id)) AS newer,
                (SELECT MAX(id) FROM images WHERE user_id = \(userID) AND is_deleted = FALSE AND id < \(id)) AS older
            """).first
        return PictureNeighbours(newer: try row?.decode(Int64?.self, "newer"), older: try row?.decode(Int64?.self, "older"))
    }
}
