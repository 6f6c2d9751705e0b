import MariaDB

/// Users, their login sessions, and failed-login records for throttling.
enum Migration0001UsersAndSessions {
    static let migration = Migration(version: 1, name: "users, sessions and login attempts", sql: sql)

    // Usernames are e-mail addresses, stored normalised (trimmed, lower-cased) by the application.
    // `active_username` is NULL for deleted users, so the UNIQUE index on it lets a deleted user's name be
    // taken again. utf8mb4_uca1400_as_ci compares case-insensitively but accent-sensitively, so
    // "jose@x" and "josé@x" stay two addresses while "Ann@x" and "ann@x" collide.
    private static let sql = """
        CREATE TABLE users (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            username VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_as_ci NOT NULL,
            password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME(6) NOT NULL,
            updated_at DATETIME(6) NOT NULL,
            is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
            deleted_at DATETIME(6) NULL,
            active_username VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_as_ci
                AS (IF(is_deleted, NULL, username)) STORED,
            PRIMARY KEY (id),
            UNIQUE KEY users_active_username (active_username),
            KEY users_username (username)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        CREATE TABLE sessions (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            user_id BIGINT UNSIGNED NOT NULL,
            token_hash BINARY(32) NOT NULL,
            created_at DATETIME(6) NOT NULL,
            last_seen_at DATETIME(6) NOT NULL,
            expires_at DATETIME(6) NOT NULL,
            revoked_at DATETIME(6) NULL,
            PRIMARY KEY (id),
            UNIQUE KEY sessions_token_hash (token_hash),
            KEY sessions_user_id (user_id),
            KEY sessions_expires_at (expires_at),
            CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        -- One row per failed login; throttling counts rows per key inside a time window, and old rows
        -- are pruned by created_at. The key is chosen by the application (normalised username, client address).
        CREATE TABLE login_attempts (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            throttle_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            created_at DATETIME(6) NOT NULL,
            PRIMARY KEY (id),
            KEY login_attempts_key_time (throttle_key, created_at),
            KEY login_attempts_created_at (created_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """
}
