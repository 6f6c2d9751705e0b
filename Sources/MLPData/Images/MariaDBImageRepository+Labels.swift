import MLPDomain
import MariaDB

/// What label suggestions read: pictures' current predictions with their owners' labels.
extension MariaDBImageRepository {
    public func labelledScores(sharingLabelsWith labels: [String], excluding imageID: Int64, userID: Int64) throws -> [PictureScores] {
        guard !labels.isEmpty else { return [] }
        // The range `user_label IS NOT NULL` of images_user_label (user, is_deleted, user_label), then their
        // current predictions with these labels: a few rows per labelled picture that shares one, none for the rest.
        let list = labels.map { _ in "?" }.joined(separator: ", ")
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT o.id AS image_id, o.user_label, q.label, q.score
            FROM images o STRAIGHT_JOIN predictions q ON q.image_id = o.id AND q.is_current = TRUE
            WHERE o.user_id = ? AND o.is_deleted = FALSE AND o.user_label IS NOT NULL AND o.id <> ? AND q.label IN (\(list))
            """, binds: [.int(userID), .int(imageID)] + labels.map { .string($0) }))
        return try Self.pictureScores(rows)
    }

    public func currentScores(userID: Int64) throws -> [PictureScores] {
        // images_user_active (user, is_deleted, id), then each picture's current predictions
        // (predictions_image_current): five small rows per picture, no bytes.
        let rows = try connection.query(SQLQuery(unsafeSQL: """
            SELECT o.id AS image_id, o.user_label, q.label, q.score
            FROM images o STRAIGHT_JOIN predictions q ON q.image_id = o.id AND q.is_current = TRUE
            WHERE o.user_id = ? AND o.is_deleted = FALSE
            """, binds: [.int(userID)]))
        return try Self.pictureScores(rows)
    }

    public func summaries(ids: [Int64], userID: Int64) throws -> [ImageSummary] {
        try summaries(userID: userID, where: "i.id", in: ids.map { .int($0) }, limit: ids.count)
    }

    /// Rows of (image_id, user_label, label, score) as one ``PictureScores`` per picture, by id. An account has
    /// far fewer labels than rows: each is keyed once.
    static func pictureScores(_ rows: [Row]) throws -> [PictureScores] {
        var keys: [String: String] = [:]
        var pictures: [Int64: (userLabel: String?, predictions: [(key: String, score: Double)])] = [:]
        for row in rows {
            let id = try row.decode(Int64.self, at: 0)
            let label = try row.decode(String.self, at: 2)
            let key = keys[label] ?? ImageRules.labelKey(label)
            keys[label] = key
            if pictures[id] == nil { pictures[id] = (try row.decode(String?.self, at: 1), []) }
            pictures[id]?.predictions.append((key, try row.decode(Double.self, at: 3)))
        }
        return pictures.sorted { $0.key < $1.key }.map {
            PictureScores(imageID: $0.key, userLabel: $0.value.userLabel, keyedPredictions: $0.value.predictions)
        }
    }

    public func userLabelCounts(userID: Int64, limit: Int) throws -> [UserLabelCount] {
        // The range `user_label IS NOT NULL` of images_user_label, in label order: grouped without a sort of rows.
        // Labels differing in case only are one group (the column's collation); MIN picks one spelling.
        try connection.query(SQLQuery(unsafeSQL: """
            SELECT MIN(user_label) AS label, COUNT(*) AS images
            FROM images
            WHERE user_id = ? AND is_deleted = FALSE AND user_label IS NOT NULL
            GROUP BY user_label
            ORDER BY images DESC, label
            LIMIT ?
            """, binds: [.int(userID), .int(Int64(limit))])).map { row in
            UserLabelCount(label: try row.decode(String.self, "label"), images: try row.decode(Int.self, "images"))
        }
    }
}
