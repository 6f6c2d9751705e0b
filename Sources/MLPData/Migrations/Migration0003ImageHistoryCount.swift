import MariaDB

/// Each image's number of past predictions, kept on its row.
enum Migration0003ImageHistoryCount {
    static let migration = Migration(version: 3, name: "image history count", sql: sql)

    // `GET /api/v1/images/:id` shows how many predictions are history. Counting them in a dependent subquery
    // on every read cost MariaDB about 30 µs per request, more as an image is re-classified again and again;
    // the count is now written when predictions become history (MariaDBPredictionRepository.replaceCurrent)
    // and read with the row. `IF NOT EXISTS` lets the migration run again if the backfill was interrupted
    // (DDL commits on its own in MariaDB).
    private static let sql = """
        ALTER TABLE images ADD COLUMN IF NOT EXISTS history_count INT UNSIGNED NOT NULL DEFAULT 0 AFTER thumbnail_sha256;

        UPDATE images i
        JOIN (SELECT image_id, COUNT(*) AS n FROM predictions WHERE is_current = FALSE GROUP BY image_id) h
          ON h.image_id = i.id
        SET i.history_count = h.n
        """
}
