import Foundation
import MLPDomain
import MariaDB

/// Albums in `albums`, what they hold in `album_images` (migration 10).
public struct MariaDBAlbumRepository: AlbumRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    private static let nameTaken = "You have an album of that name already."

    public func create(userID: Int64, name: String, at date: Date) throws -> Album {
        let result = try DatabaseErrorMapping.translating(conflictMessage: Self.nameTaken) {
            try connection.execute("""
                INSERT INTO albums (user_id, name, created_at, updated_at) VALUES (\(userID), \(name), \(date), \(date))
                """)
        }
        return Album(id: Int64(result.lastInsertID), userID: userID, name: name, createdAt: date, updatedAt: date)
    }

    // Count and cover of each album in the same statement: the active pictures it holds, the cover the one the
    // owner chose (migration 12) while the album holds it and it is active, else the one added last (then the
    // newest). Correlated subqueries read `album_images` by its primary key, album by album.
    private static let summaryColumns = """
        a.id, a.user_id, a.name, a.created_at, a.updated_at, a.cover_image_id AS chosen_cover_id,
        (SELECT COUNT(*) FROM album_images c JOIN images ci ON ci.id = c.image_id AND ci.is_deleted = FALSE
            WHERE c.album_id = a.id) AS picture_count,
        COALESCE(
            (SELECT h.image_id FROM album_images h JOIN images hi ON hi.id = h.image_id AND hi.is_deleted = FALSE
                WHERE h.album_id = a.id AND h.image_id = a.cover_image_id),
            (SELECT v.image_id FROM album_images v JOIN images vi ON vi.id = v.image_id AND vi.is_deleted = FALSE
                WHERE v.album_id = a.id ORDER BY v.added_at DESC, v.image_id DESC LIMIT 1)
        ) AS cover_id
        """

    public func list(userID: Int64, limit: Int) throws -> [AlbumSummary] {
        try connection.query(SQLQuery(
            unsafeSQL: "SELECT \(Self.summaryColumns) FROM albums a WHERE a.user_id = ? ORDER BY a.name, a.id LIMIT ?",
            binds: [.int(userID), .int(Int64(limit))]
        )).map(Self.summary)
    }

    public func count(userID: Int64) throws -> Int {
        try connection.query("SELECT COUNT(*) AS n FROM albums WHERE user_id = \(userID)").first?.decode(Int.self, "n") ?? 0
    }

    public func find(id: Int64, userID: Int64) throws -> AlbumSummary? {
        try connection.query(SQLQuery(
            unsafeSQL: "SELECT \(Self.summaryColumns) FROM albums a WHERE a.id = ? AND a.user_id = ?", binds: [.int(id), .int(userID)]
        )).first.map(Self.summary)
    }

    public func rename(id: Int64, name: String, at date: Date) throws {
        _ = try DatabaseErrorMapping.translating(conflictMessage: Self.nameTaken) {
            try connection.execute("UPDATE albums SET name = \(name), updated_at = \(date) WHERE id = \(id)")
        }
    }

    public func delete(id: Int64) throws {
        try connection.execute("DELETE FROM albums WHERE id = \(id)")
    }

    public func add(albumID: Int64, imageIDs: [Int64], userID: Int64, at date: Date) throws -> Set<Int64> {
        guard !imageIDs.isEmpty else { return [] }
        let list = imageIDs.map { _ in "?" }.joined(separator: ", ")
        let owned = imageIDs.map { SQLValue.int($0) }
        // Only the owner's active pictures; one already in keeps its place (and the time it was added).
        try connection.execute(SQLQuery(unsafeSQL: """
            INSERT IGNORE INTO album_images (album_id, image_id, added_at)
            SELECT ?, i.id, ? FROM images i WHERE i.user_id = ? AND i.is_deleted = FALSE AND i.id IN (\(list))
            """, binds: [.int(albumID), date.sqlValue, .int(userID)] + owned))
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT c.image_id FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE
            WHERE c.album_id = ? AND c.image_id IN (\(list))
            """, binds: [.int(albumID)] + owned))
        return Set(try rows.map { try $0.decode(Int64.self, "image_id") })
    }

    public func remove(albumID: Int64, imageID: Int64) throws -> Bool {
        let removed = try connection.execute("DELETE FROM album_images WHERE album_id = \(albumID) AND image_id = \(imageID)")
        if removed.affectedRows == 1 {
            try connection.execute("UPDATE albums SET cover_image_id = NULL WHERE id = \(albumID) AND cover_image_id = \(imageID)")
        }
        return removed.affectedRows == 1
    }

    public func setCover(albumID: Int64, imageID: Int64?, at date: Date) throws {
        try connection.execute("UPDATE albums SET cover_image_id = \(imageID), updated_at = \(date) WHERE id = \(albumID)")
    }

    /// Above this many pictures, an album's page by the time taken walks the owner's pictures in that order
    /// instead of sorting the album's.
    static let largeAlbum = 1_000

    public func pictures(in album: AlbumSummary, order: ImageOrder, after: ImageListPosition?, limit: Int) throws -> [ImageSummary] {
        let predictions = """
            LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1
            LEFT JOIN models m ON m.id = p.model_id
            """
        var sql: String
        var binds: [SQLValue]
        switch order {
        case .uploaded:
            // A range of the primary key (album, picture id), read backwards.
            sql = """
                SELECT \(MariaDBImageRepository.summaryColumns)
                FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE \(predictions)
                WHERE c.album_id = ? AND c.image_id < ? ORDER BY c.image_id DESC
                """
            binds = [.int(album.album.id), .int(after?.id ?? Int64.max)]
        case .taken where album.pictureCount > Self.largeAlbum:
            // The owner's pictures in order (images_user_timeline), each looked up in the album (its primary key),
            // until the page is full: about limit × (owner's pictures / album's) rows, with no sort. Sorting the
            // album's pictures instead costs every one of them on every page: 115–145 ms a page for an album of 20 000
            // against 1.5 ms this way (and 2 ms against 44 ms the other way round for an album of 100). The index is
            // named for the pages after the first, as in the gallery's list.
            sql = """
                SELECT STRAIGHT_JOIN \(MariaDBImageRepository.summaryColumns)
                FROM images i FORCE INDEX (images_user_timeline) JOIN album_images c ON c.album_id = ? AND c.image_id = i.id \(predictions)
                WHERE i.user_id = ? AND i.is_deleted = FALSE
                """
            binds = [.int(album.album.id), .int(album.album.userID)]
        case .taken:
            // A small album's pictures, sorted by their time.
            sql = """
                SELECT \(MariaDBImageRepository.summaryColumns)
                FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE \(predictions)
                WHERE c.album_id = ?
                """
            binds = [.int(album.album.id)]
        }
        if order == .taken {
            if let after {
                let keyset = MariaDBImageRepository.after(after)
                sql += keyset.sql
                binds += keyset.binds
            }
            sql += " ORDER BY i.timeline_at DESC, i.id DESC LIMIT ?"
        } else {
            sql += " LIMIT ?"
        }
        binds.append(.int(Int64(limit)))
        return try connection.query(SQLQuery(unsafeSQL: sql, binds: binds)).map(MariaDBImageRepository.summary)
    }

    public func pictureIDs(albumID: Int64, afterID: Int64, limit: Int) throws -> [Int64] {
        try connection.query(SQLQuery(unsafeSQL: """
            SELECT c.image_id FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE
            WHERE c.album_id = ? AND c.image_id > ? ORDER BY c.image_id LIMIT ?
            """, binds: [.int(albumID), .int(afterID), .int(Int64(limit))])).map { try $0.decode(Int64.self, "image_id") }
    }

    public func contains(albumID: Int64, imageID: Int64) throws -> Bool {
        try !connection.query("""
            SELECT 1 AS held FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE
            WHERE c.album_id = \(albumID) AND c.image_id = \(imageID)
            """).isEmpty
    }

    public func neighbours(albumID: Int64, imageID: Int64, order: ImageOrder) throws -> PictureNeighbours {
        let held = "FROM album_images c JOIN images i ON i.id = c.image_id AND i.is_deleted = FALSE WHERE c.album_id = ?"
        let row: Row?
        switch order {
        case .uploaded:
            // Four reads of the primary key (album, picture id) in one statement.
            row = try connection.query(SQLQuery(unsafeSQL: """
                SELECT (SELECT MIN(c.image_id) \(held) AND c.image_id > ?) AS newer,
                    (SELECT MAX(c.image_id) \(held) AND c.image_id < ?) AS older,
                    (SELECT COUNT(*) \(held) AND c.image_id >= ?) AS position,
                    (SELECT COUNT(*) \(held)) AS total
                """, binds: [.int(albumID), .int(imageID), .int(albumID), .int(imageID), .int(albumID), .int(imageID), .int(albumID)])).first
        case .taken:
            // The same around the picture's own (timeline_at, id), `t`; the album's rows are read by the primary key.
            let later = "(i.timeline_at > t.timeline_at OR (i.timeline_at = t.timeline_at AND i.id > t.id))"
            let earlier = "(i.timeline_at < t.timeline_at OR (i.timeline_at = t.timeline_at AND i.id < t.id))"
            row = try connection.query(SQLQuery(unsafeSQL: """
                SELECT (SELECT i.id \(held) AND \(later) ORDER BY i.timeline_at, i.id LIMIT 1) AS newer,
                    (SELECT i.id \(held) AND \(earlier) ORDER BY i.timeline_at DESC, i.id DESC LIMIT 1) AS older,
                    (SELECT COUNT(*) \(held) AND NOT \(earlier)) AS position,
                    (SELECT COUNT(*) \(held)) AS total
                FROM images t WHERE t.id = ?
                """, binds: [.int(albumID), .int(albumID), .int(albumID), .int(albumID), .int(imageID)])).first
        }
        return PictureNeighbours(
            newer: try row?.decode(Int64?.self, "newer"), older: try row?.decode(Int64?.self, "older"),
            position: try row?.decode(Int.self, "position") ?? 0, count: try row?.decode(Int.self, "total") ?? 0
        )
    }

    public func albums(containing imageID: Int64, userID: Int64) throws -> [Album] {
        try connection.query(SQLQuery(unsafeSQL: """
            SELECT a.id, a.user_id, a.name, a.created_at, a.updated_at
            FROM album_images c JOIN albums a ON a.id = c.album_id AND a.user_id = ?
            WHERE c.image_id = ? ORDER BY a.name, a.id
            """, binds: [.int(userID), .int(imageID)])).map(Self.album)
    }

    static func album(_ row: Row) throws -> Album {
        Album(
            id: try row.decode(Int64.self, "id"), userID: try row.decode(Int64.self, "user_id"), name: try row.decode(String.self, "name"),
            createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at")
        )
    }

    private static func summary(_ row: Row) throws -> AlbumSummary {
        let cover = try row.decode(Int64?.self, "cover_id")
        let chosen = try row.decode(Int64?.self, "chosen_cover_id")
        return AlbumSummary(
            album: try album(row), pictureCount: try row.decode(Int.self, "picture_count"), coverImageID: cover,
            coverChosen: chosen != nil && chosen == cover
        )
    }
}
