import MLPDomain
import MariaDB

/// A picture's details in one statement, alone or joined to the session that asks for them.
extension MariaDBImageRepository {
    public func details(id: Int64, userID: Int64?, includeBytes: Bool) throws -> ImageDetails? {
        let sql = """
            SELECT \(Self.detailsColumns(includeBytes: includeBytes))
            FROM images i
            \(Self.detailsJoins)
            WHERE i.id = ? AND i.is_deleted = FALSE\(userID == nil ? "" : " AND i.user_id = ?")
            """
        let binds: [SQLValue] = userID.map { [.int(id), .int($0)] } ?? [.int(id)]
        return try Self.details(try connection.query(SQLQuery(unsafeSQL: sql, binds: binds)))
    }

    /// The session `tokenHash` opens, its user, and that user's image `id` with its details, in one statement:
    /// nil without such a session (or when its user is deleted), no details when the image is missing, deleted
    /// or someone else's. The session columns come on every row; the image's as in ``details(id:userID:includeBytes:)``.
    func sessionWithDetails(
        tokenHash: [UInt8], id: Int64, includeBytes: Bool
    ) throws -> (session: Session, user: User, details: ImageDetails?)? {
        let sql = """
            SELECT \(MariaDBSessionRepository.withUserColumns), \(Self.detailsColumns(includeBytes: includeBytes))
            \(MariaDBSessionRepository.withActiveUser)
            LEFT JOIN images i ON i.id = ? AND i.user_id = u.id AND i.is_deleted = FALSE
            \(Self.detailsJoins)
            WHERE s.token_hash = ?
            """
        let rows = try connection.query(SQLQuery(unsafeSQL: sql, binds: [.int(id), .bytes(tokenHash)]))
        guard let first = rows.first else { return nil }
        let (session, user) = try MariaDBSessionRepository.sessionWithUser(first)
        let details = try first.decode(Int64?.self, "id") == nil ? nil : try Self.details(rows)
        return (session, user, details)
    }

    // One statement, so one consistent read without a transaction: a row per current prediction (or one row with
    // NULL prediction columns), the picture only on the rank-1 row, the history count from the image row. No
    // ORDER BY: sorting rows that carry a BLOB makes MariaDB build an on-disk temporary table for every call; the
    // few rows are sorted here instead.
    private static func detailsColumns(includeBytes: Bool) -> String {
        """
        \(columns), \(includeBytes ? "IF(p.`rank` IS NULL OR p.`rank` = 1, i.data, NULL)" : "NULL") AS bytes,
        i.history_count,
        p.`rank` AS p_rank, p.class_index AS p_class_index, p.label AS p_label, p.score AS p_score,
        p.is_current AS p_is_current, p.created_at AS p_created_at,
        m.id AS model_id, m.name AS model_name, m.version AS model_version
        """
    }

    private static let detailsJoins = """
        LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE
        LEFT JOIN models m ON m.id = p.model_id
        """

    /// The rows of a details statement: nil when there are none.
    private static func details(_ rows: [Row]) throws -> ImageDetails? {
        guard let first = rows.first else { return nil }
        var bytes: [UInt8]?
        var predictions: [Prediction] = []
        for row in rows {
            if bytes == nil { bytes = try row.decode([UInt8]?.self, "bytes") }
            if try row.decode(Int64?.self, "model_id") != nil {
                predictions.append(try MariaDBPredictionRepository.prediction(row, prefix: "p_"))
            }
        }
        predictions.sort { $0.rank < $1.rank }
        return ImageDetails(
            image: try image(first), predictions: predictions, historyCount: try first.decode(Int.self, "history_count"),
            bytes: bytes
        )
    }
}
