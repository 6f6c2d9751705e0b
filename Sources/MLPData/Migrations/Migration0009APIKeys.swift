import MariaDB

/// API keys: sessions an account's owner makes for a program, with a name and, if asked, only read access.
enum Migration0009APIKeys {
    static let migration = Migration(version: 9, name: "api keys", sql: sql)

    // Two columns at the end of the row (ALGORITHM=INSTANT, no copy). A session with a `key_name` is a key:
    // no idle timeout, listed apart from logins. The token check on every request reads both with the session
    // row it already reads by `sessions_token_hash`; the keys are listed through `sessions_user_id`.
    private static let sql = """
        ALTER TABLE sessions
            ADD COLUMN IF NOT EXISTS key_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
            ADD COLUMN IF NOT EXISTS read_only BOOLEAN NOT NULL DEFAULT FALSE
        """
}
