import MariaDB

/// Where each session was opened from, for the owner's list of sessions.
enum Migration0005SessionOrigin {
    static let migration = Migration(version: 5, name: "session origin", sql: sql)

    // Both columns are nullable: sessions opened before this migration (or by an instance of an older
    // version during a rolling upgrade) simply have no origin. The listing reads them through
    // `sessions_user_id`; the token check on every request does not read them at all.
    private static let sql = """
        ALTER TABLE sessions
            ADD COLUMN IF NOT EXISTS user_agent VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
            ADD COLUMN IF NOT EXISTS client_address VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
        """
}
