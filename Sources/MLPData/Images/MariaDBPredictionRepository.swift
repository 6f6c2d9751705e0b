import Foundation
import MLPDomain
import MariaDB

/// Predictions in the `predictions` table; `is_current` marks each image's latest set.
public struct MariaDBPredictionRepository: PredictionRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    public func replaceCurrent(imageID: Int64, model: ModelReference, scores: [ClassScore], at date: Date) throws {
        let moved = try connection.execute(
            "UPDATE predictions SET is_current = FALSE WHERE image_id = \(imageID) AND is_current = TRUE"
        ).affectedRows
        if moved > 0 {
            // The image row carries its history count (read with the row on every GET). Recounted rather than
            // incremented: a count that an instance of an earlier version left behind during a rolling upgrade
            // is put right by the next classification.
            try connection.execute("""
                UPDATE images SET history_count = (SELECT COUNT(*) FROM predictions WHERE image_id = \(imageID) AND is_current = FALSE)
                WHERE id = \(imageID)
                """)
        }
        guard !scores.isEmpty else { return }
        // One multi-row INSERT: a round trip per upload instead of one per class.
        var sql = "INSERT INTO predictions (image_id, model_id, `rank`, class_index, label, score, is_current, created_at) VALUES "
        var binds: [SQLValue] = []
        for (offset, score) in scores.enumerated() {
            sql += offset == 0 ? "(?, ?, ?, ?, ?, ?, TRUE, ?)" : ", (?, ?, ?, ?, ?, ?, TRUE, ?)"
            binds += [
                .int(imageID), .int(model.id), .int(Int64(offset + 1)), .int(Int64(score.classIndex)), .string(score.label),
                .double(score.score), .date(date),
            ]
        }
        try connection.execute(SQLQuery(unsafeSQL: sql, binds: binds))
    }

    public func current(imageID: Int64) throws -> [Prediction] {
        try connection.query("""
            SELECT p.`rank`, p.class_index, p.label, p.score, p.is_current, p.created_at,
                   m.id AS model_id, m.name AS model_name, m.version AS model_version
            FROM predictions p JOIN models m ON m.id = p.model_id
            WHERE p.image_id = \(imageID) AND p.is_current = TRUE ORDER BY p.`rank`
            """).map { try Self.prediction($0) }
    }

    public func all(imageID: Int64, limit: Int?) throws -> [Prediction] {
        try connection.query(SQLQuery(unsafeSQL: """
            SELECT p.`rank`, p.class_index, p.label, p.score, p.is_current, p.created_at,
                   m.id AS model_id, m.name AS model_name, m.version AS model_version
            FROM predictions p JOIN models m ON m.id = p.model_id
            WHERE p.image_id = ? ORDER BY p.is_current DESC, p.created_at DESC, p.`rank`, p.id LIMIT ?
            """, binds: [.int(imageID), .int(Int64(limit ?? Int(Int64.max)))])).map { try Self.prediction($0) }
    }

    /// Maps a row with the prediction columns and `model_id`, `model_name`, `model_version`.
    static func prediction(_ row: Row, prefix: String = "") throws -> Prediction {
        Prediction(
            rank: try row.decode(Int.self, prefix + "rank"), classIndex: try row.decode(Int.self, prefix + "class_index"),
            label: try row.decode(String.self, prefix + "label"), score: try row.decode(Double.self, prefix + "score"),
            model: ModelReference(
                id: try row.decode(Int64.self, "model_id"), name: try row.decode(String.self, "model_name"),
                version: try row.decode(String.self, "model_version")
            ),
            isCurrent: try row.decode(Bool.self, prefix + "is_current"), createdAt: try row.decode(Date.self, prefix + "created_at")
        )
    }
}
