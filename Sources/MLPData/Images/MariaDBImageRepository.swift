import Foundation
import MLPDomain
import MariaDB

/// Images in the `images` table: bytes in LONGBLOB, a JPEG thumbnail, soft delete that drops the bytes.
///
/// `users.stored_bytes` (the owner's bytes of pictures, for the storage quota) changes in the same statement
/// sequence as every insert, replacement and deletion. An insert writes the owner's row before the image row:
/// the insert checks the foreign key with a shared lock on that row, and taking it exclusively first means two
/// uploads of one account queue instead of deadlocking on the upgrade.
public struct MariaDBImageRepository: ImageRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    static let columns = """
        i.id, i.user_id, i.title, i.user_label, i.content_type, i.byte_size, i.width, i.height, i.sha256, i.created_at, i.updated_at, \
        i.taken_at, i.taken_offset, i.favourite
        """

    public func insert(_ image: NewImage) throws -> Image {
        let content = image.content
        let thumbnailDigest = OpenSSLContentDigester().sha256Hex(content.thumbnail)
        try connection.execute("UPDATE users SET stored_bytes = stored_bytes + \(content.bytes.count) WHERE id = \(image.userID)")
        let result = try DatabaseErrorMapping.translating(conflictMessage: "This Idempotency-Key is already in use.") {
            try connection.execute("""
                INSERT INTO images (user_id, title, content_type, byte_size, width, height, sha256, data, thumbnail,
                    thumbnail_sha256, idempotency_key, idempotency_fingerprint, created_at, updated_at, taken_at, taken_offset)
                VALUES (\(image.userID), \(image.title), \(content.facts.contentType), \(content.bytes.count),
                    \(content.facts.width), \(content.facts.height), \(content.sha256), \(content.bytes), \(content.thumbnail),
                    \(thumbnailDigest), \(image.idempotencyKey), \(image.idempotencyFingerprint), \(image.createdAt), \(image.createdAt),
                    \(content.facts.takenAt?.local), \(content.facts.takenAt?.offsetMinutes))
                """)
        }
        return Image(
            id: Int64(result.lastInsertID), userID: image.userID, title: image.title, contentType: content.facts.contentType,
            byteSize: content.bytes.count, width: content.facts.width, height: content.facts.height, sha256: content.sha256,
            createdAt: image.createdAt, updatedAt: image.createdAt, takenAt: content.facts.takenAt
        )
    }

    public func find(id: Int64, userID: Int64?) throws -> Image? {
        let rows = if let userID {
            try connection.query(SQLQuery(unsafeSQL: "SELECT \(Self.columns) FROM images i WHERE i.id = ? AND i.user_id = ? AND i.is_deleted = FALSE", binds: [.int(id), .int(userID)]))
        } else {
            try connection.query(SQLQuery(unsafeSQL: "SELECT \(Self.columns) FROM images i WHERE i.id = ? AND i.is_deleted = FALSE", binds: [.int(id)]))
        }
        return try rows.first.map(Self.image)
    }

    public func find(userID: Int64, idempotencyKey: String) throws -> (image: Image, fingerprint: String?)? {
        let rows = try connection.query(SQLQuery(
            unsafeSQL: "SELECT \(Self.columns), i.idempotency_fingerprint FROM images i WHERE i.user_id = ? AND i.idempotency_key = ?",
            binds: [.int(userID), .string(idempotencyKey)]
        ))
        return try rows.first.map { (try Self.image($0), try $0.decode(String?.self, "idempotency_fingerprint")) }
    }

    public func content(id: Int64, userID: Int64?, variant: ImageVariant) throws -> ImageContent? {
        let select = "SELECT \(Self.contentColumns(variant)) FROM images i"
        let rows = if let userID {
            try connection.query(SQLQuery(unsafeSQL: select + " WHERE i.id = ? AND i.user_id = ? AND i.is_deleted = FALSE", binds: [.int(id), .int(userID)]))
        } else {
            try connection.query(SQLQuery(unsafeSQL: select + " WHERE i.id = ? AND i.is_deleted = FALSE", binds: [.int(id)]))
        }
        return try rows.first.flatMap(Self.content)
    }

    /// The session `tokenHash` opens, its user, and the bytes of that user's image `id` (or its thumbnail), in one
    /// statement: nil without such a session (or when its user is deleted), no content when the image is missing,
    /// deleted or someone else's.
    func sessionWithContent(
        tokenHash: [UInt8], id: Int64, variant: ImageVariant
    ) throws -> (session: Session, user: User, content: ImageContent?)? {
        let sql = """
            SELECT \(MariaDBSessionRepository.withUserColumns), \(Self.contentColumns(variant))
            \(MariaDBSessionRepository.withActiveUser)
            LEFT JOIN images i ON i.id = ? AND i.user_id = u.id AND i.is_deleted = FALSE
            WHERE s.token_hash = ?
            """
        guard let row = try connection.query(SQLQuery(unsafeSQL: sql, binds: [.int(id), .bytes(tokenHash)])).first else { return nil }
        let (session, user) = try MariaDBSessionRepository.sessionWithUser(row)
        return (session, user, try Self.content(row))
    }

    /// The columns of the picture's or the thumbnail's bytes (from `i`), read by ``content(_:)``.
    private static func contentColumns(_ variant: ImageVariant) -> String {
        switch variant {
        case .original: "i.data AS bytes, i.content_type, i.sha256, i.title"
        case .thumbnail: "i.thumbnail AS bytes, 'image/jpeg' AS content_type, i.thumbnail_sha256 AS sha256, i.title"
        }
    }

    /// A row with ``contentColumns(_:)``: nil when it has no bytes (no such image, or a left join that found none).
    private static func content(_ row: Row) throws -> ImageContent? {
        guard let bytes = try row.decode([UInt8]?.self, "bytes") else { return nil }
        return ImageContent(
            bytes: bytes, contentType: try row.decode(String.self, "content_type"), sha256: try row.decode(String?.self, "sha256") ?? "",
            title: try row.decode(String?.self, "title")
        )
    }

    /// The image and rank-1 prediction columns of ``list(userID:_:)`` and
    /// ``similar(to:excluding:userID:limit:)``.
    static let summaryColumns = """
        \(columns), p.`rank` AS p_rank, p.class_index AS p_class_index, p.label AS p_label,
               p.score AS p_score, p.is_current AS p_is_current, p.created_at AS p_created_at,
               m.id AS model_id, m.name AS model_name, m.version AS model_version
        """

    static func summary(_ row: Row) throws -> ImageSummary {
        let top = try row.decode(Int64?.self, "model_id") == nil ? nil : try MariaDBPredictionRepository.prediction(row, prefix: "p_")
        return ImageSummary(image: try image(row), topPrediction: top)
    }

    public func similar(to scores: [String: Double], excluding imageID: Int64, userID: Int64, limit: Int) throws -> [SimilarImage] {
        guard !scores.isEmpty else { return [] }
        // Similarity is the overlap of the two prediction sets: the sum over shared labels of the lower score
        // (histogram intersection). STRAIGHT_JOIN walks the user's own pictures first (images_user_active, then
        // predictions_image_current): left to itself the optimizer scanned every account's predictions for the
        // labels. The labels' scores come as binds: no join back to the picture's own rows per row read.
        let labels = scores.sorted { $0.key < $1.key }
        let cases = labels.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
        let list = labels.map { _ in "?" }.joined(separator: ", ")
        var binds: [SQLValue] = labels.flatMap { [SQLValue.string($0.key), .double($0.value)] }
        binds += [.int(userID), .int(imageID)] + labels.map { .string($0.key) } + [.int(Int64(limit))]
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT \(Self.summaryColumns), s.similarity
            FROM (
                SELECT q.image_id, SUM(LEAST(q.score, CASE q.label \(cases) ELSE 0 END)) AS similarity
                FROM images o STRAIGHT_JOIN predictions q ON q.image_id = o.id AND q.is_current = TRUE
                WHERE o.user_id = ? AND o.is_deleted = FALSE AND o.id <> ? AND q.label IN (\(list))
                GROUP BY q.image_id
                ORDER BY similarity DESC, q.image_id DESC
                LIMIT ?
            ) s
            JOIN images i ON i.id = s.image_id
            LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1
            LEFT JOIN models m ON m.id = p.model_id
            ORDER BY s.similarity DESC, i.id DESC
            """, binds: binds))
        return try rows.map { row in
            SimilarImage(summary: try Self.summary(row), similarity: try row.decode(Double.self, "similarity"))
        }
    }

    public func labelCounts(userID: Int64, limit: Int) throws -> (counts: [LabelCount], total: Int) {
        // Grouped by the case-insensitive collation, so labels differing only in case (from two models) are one.
        // `COUNT(*) OVER ()` counts the groups before the LIMIT: the total comes with the page.
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT MIN(p.label) AS label, COUNT(DISTINCT p.image_id) AS images,
                   COUNT(DISTINCT CASE WHEN p.`rank` = 1 THEN p.image_id END) AS top_images,
                   MAX(p.score) AS best_score, COUNT(*) OVER () AS total
            FROM images i
            JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE
            WHERE i.user_id = ? AND i.is_deleted = FALSE
            GROUP BY p.label
            ORDER BY top_images DESC, images DESC, label
            LIMIT ?
            """, binds: [.int(userID), .int(Int64(limit))]))
        let counts = try rows.map { row in
            LabelCount(
                label: try row.decode(String.self, "label"), images: try row.decode(Int.self, "images"),
                topImages: try row.decode(Int.self, "top_images"), bestScore: try row.decode(Double.self, "best_score")
            )
        }
        return (counts, try rows.first?.decode(Int.self, "total") ?? 0)
    }

    public func agreement(userID: Int64) throws -> [ModelAgreement] {
        // `=` under utf8mb4_unicode_ci ignores case (and accents). A label may come twice in one set, so
        // pictures are counted DISTINCT.
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT m.name, m.version, COUNT(DISTINCT i.id) AS labelled,
                   COUNT(DISTINCT CASE WHEN p.`rank` = 1 AND p.label = i.user_label THEN i.id END) AS top_matches,
                   COUNT(DISTINCT CASE WHEN p.label = i.user_label THEN i.id END) AS any_matches
            FROM images i
            JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE
            JOIN models m ON m.id = p.model_id
            WHERE i.user_id = ? AND i.is_deleted = FALSE AND i.user_label IS NOT NULL
            GROUP BY m.id, m.name, m.version
            ORDER BY labelled DESC, m.name, m.version
            """, binds: [.int(userID)]))
        return try rows.map { row in
            ModelAgreement(
                model: try row.decode(String.self, "name"), version: try row.decode(String.self, "version"),
                labelled: try row.decode(Int.self, "labelled"), topMatches: try row.decode(Int.self, "top_matches"),
                anyMatches: try row.decode(Int.self, "any_matches")
            )
        }
    }

    public func withDigests(_ digests: [String], userID: Int64, limit: Int) throws -> [ImageSummary] {
        // images_user_sha256 (migration 7) and images_user_uploaded_sha256 (16): one index range per digest in each.
        try summaries(userID: userID, where: "i.sha256", in: digests.map { .string($0) }, orUploaded: true, limit: limit)
    }

    /// The user's active pictures whose `column` (of `images i`, named by the caller) is one of `values`, each with
    /// its current rank-1 prediction, by id, at most `limit`.
    /// With `orUploaded`, also the pictures whose file as uploaded (`uploaded_sha256`) is among `values`.
    func summaries(
        userID: Int64, where column: StaticString, in values: [SQLValue], orUploaded: Bool = false, limit: Int
    ) throws -> [ImageSummary] {
        guard !values.isEmpty else { return [] }
        let list = values.map { _ in "?" }.joined(separator: ", ")
        let condition = orUploaded ? "(\(column) IN (\(list)) OR i.uploaded_sha256 IN (\(list)))" : "\(column) IN (\(list))"
        return try connection.query(SQLQuery(unsafeSQL: """
            SELECT \(Self.summaryColumns)
            FROM images i
            LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1
            LEFT JOIN models m ON m.id = p.model_id
            WHERE i.user_id = ? AND i.is_deleted = FALSE AND \(condition)
            ORDER BY i.id
            LIMIT ?
            """, binds: [.int(userID)] + values + (orUploaded ? values : []) + [.int(Int64(limit))])).map(Self.summary)
    }

    public func duplicateGroups(userID: Int64, limit: Int) throws -> (groups: [[ImageSummary]], total: Int) {
        // The inner query groups the user's active rows by digest (images_user_active, then each row's sha256);
        // `COUNT(*) OVER ()` counts the groups before the LIMIT.
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT \(Self.summaryColumns), d.total
            FROM (
                SELECT sha256, COUNT(*) AS copies, MAX(id) AS newest, COUNT(*) OVER () AS total
                FROM images WHERE user_id = ? AND is_deleted = FALSE
                GROUP BY sha256 HAVING COUNT(*) > 1
                ORDER BY copies DESC, newest DESC
                LIMIT ?
            ) d
            JOIN images i ON i.user_id = ? AND i.is_deleted = FALSE AND i.sha256 = d.sha256
            LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1
            LEFT JOIN models m ON m.id = p.model_id
            ORDER BY d.copies DESC, d.newest DESC, i.id
            """, binds: [.int(userID), .int(Int64(limit)), .int(userID)]))
        var groups: [[ImageSummary]] = []
        for row in rows {
            let summary = try Self.summary(row)
            if let last = groups.last?.last, last.image.sha256 == summary.image.sha256 {
                groups[groups.count - 1].append(summary)
            } else {
                groups.append([summary])
            }
        }
        return (groups, try rows.first?.decode(Int.self, "total") ?? 0)
    }

    public func activeIDs(userID: Int64?, afterID: Int64, limit: Int) throws -> [Int64] {
        let owner = userID.map { " AND user_id = \($0)" } ?? ""
        return try connection.query(SQLQuery(
            unsafeSQL: "SELECT id FROM images WHERE id > ? AND is_deleted = FALSE\(owner) ORDER BY id LIMIT ?",
            binds: [.int(afterID), .int(Int64(limit))]
        )).map { try $0.decode(Int64.self, "id") }
    }

    public func storedBytes(userID: Int64, lockingOwner: Bool) throws -> Int {
        let rows = lockingOwner
            ? try connection.query("SELECT stored_bytes FROM users WHERE id = \(userID) FOR UPDATE")
            : try connection.query("SELECT stored_bytes FROM users WHERE id = \(userID)")
        return try rows.first?.decode(Int.self, "stored_bytes") ?? 0
    }

    public func recountStoredBytes(userID: Int64) throws -> (before: Int, after: Int) {
        let before = try storedBytes(userID: userID, lockingOwner: true)
        let after = try connection.query(
            "SELECT CAST(COALESCE(SUM(byte_size), 0) AS SIGNED) AS total FROM images WHERE user_id = \(userID) AND is_deleted = FALSE"
        ).first?.decode(Int.self, "total") ?? 0
        if after != before { try connection.execute("UPDATE users SET stored_bytes = \(after) WHERE id = \(userID)") }
        return (before, after)
    }

    public func updateTitle(id: Int64, title: String?, at date: Date) throws {
        try connection.execute("UPDATE images SET title = \(title), updated_at = \(date) WHERE id = \(id) AND is_deleted = FALSE")
    }

    public func labelled(userID: Int64?, afterID: Int64, limit: Int) throws -> [(id: Int64, label: String)] {
        // One account: the images_user_label index; every account: the primary key in order.
        let rows = if let userID {
            try connection.query(SQLQuery(unsafeSQL: """
                SELECT id, user_label FROM images
                WHERE user_id = ? AND is_deleted = FALSE AND user_label IS NOT NULL AND id > ? ORDER BY id LIMIT ?
                """, binds: [.int(userID), .int(afterID), .int(Int64(limit))]))
        } else {
            try connection.query(SQLQuery(unsafeSQL: """
                SELECT id, user_label FROM images
                WHERE id > ? AND is_deleted = FALSE AND user_label IS NOT NULL ORDER BY id LIMIT ?
                """, binds: [.int(afterID), .int(Int64(limit))]))
        }
        return try rows.map { (try $0.decode(Int64.self, "id"), try $0.decode(String.self, "user_label")) }
    }

    public func updateUserLabel(id: Int64, label: String?, at date: Date) throws {
        try connection.execute("UPDATE images SET user_label = \(label), updated_at = \(date) WHERE id = \(id) AND is_deleted = FALSE")
    }

    public func updateFavourite(id: Int64, favourite: Bool, at date: Date) throws {
        try connection.execute("""
            UPDATE images SET favourite = \(favourite), updated_at = \(date)
            WHERE id = \(id) AND is_deleted = FALSE AND favourite <> \(favourite)
            """)
    }

    public func markDeleted(id: Int64, at date: Date) throws {
        guard let (owner, old) = try ownerAndSize(of: id) else { return }
        try connection.execute("UPDATE users SET stored_bytes = GREATEST(stored_bytes - \(old), 0) WHERE id = \(owner)")
        try connection.execute("""
            UPDATE images SET is_deleted = TRUE, deleted_at = \(date), updated_at = \(date), data = NULL, thumbnail = NULL,
                thumbnail_sha256 = NULL
            WHERE id = \(id) AND is_deleted = FALSE
            """)
        try connection.execute("DELETE FROM image_shares WHERE image_id = \(id)")
        try connection.execute("DELETE FROM album_images WHERE image_id = \(id)")
    }

    public func markAllDeleted(userID: Int64, at date: Date) throws {
        try connection.execute("UPDATE users SET stored_bytes = 0 WHERE id = \(userID)")
        try connection.execute("""
            UPDATE images SET is_deleted = TRUE, deleted_at = \(date), updated_at = \(date), data = NULL, thumbnail = NULL,
                thumbnail_sha256 = NULL
            WHERE user_id = \(userID) AND is_deleted = FALSE
            """)
        try connection.execute("DELETE s FROM image_shares s JOIN images i ON i.id = s.image_id WHERE i.user_id = \(userID)")
        try connection.execute("DELETE c FROM album_images c JOIN images i ON i.id = c.image_id WHERE i.user_id = \(userID)")
        try connection.execute("DELETE s FROM album_shares s JOIN albums a ON a.id = s.album_id WHERE a.user_id = \(userID)")
    }

    /// The owner and byte size of an active image, or nil. A locking read: the latest committed size (not the
    /// transaction's snapshot), held until the row is written.
    func ownerAndSize(of id: Int64) throws -> (owner: Int64, bytes: Int)? {
        try connection.query("SELECT user_id, byte_size FROM images WHERE id = \(id) AND is_deleted = FALSE FOR UPDATE").first.map {
            (try $0.decode(Int64.self, "user_id"), try $0.decode(Int.self, "byte_size"))
        }
    }

    /// `text` with the LIKE wildcards and the escape character `!` escaped.
    static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "!" || character == "%" || character == "_" { out.append("!") }
            out.append(character)
        }
        return out
    }

    static func image(_ row: Row) throws -> Image {
        Image(
            id: try row.decode(Int64.self, "id"), userID: try row.decode(Int64.self, "user_id"),
            title: try row.decode(String?.self, "title"), contentType: try row.decode(String.self, "content_type"),
            byteSize: try row.decode(Int.self, "byte_size"), width: try row.decode(Int.self, "width"),
            height: try row.decode(Int.self, "height"), sha256: try row.decode(String.self, "sha256"),
            createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"),
            userLabel: try row.decode(String?.self, "user_label"),
            takenAt: try row.decode(Date?.self, "taken_at").map { CaptureTime(local: $0, offsetMinutes: try row.decode(Int?.self, "taken_offset")) },
            favourite: try row.decode(Bool.self, "favourite")
        )
    }
}
