import MariaDB

/// Images with their bytes and thumbnail, the models that classify them, and their predictions.
enum Migration0002ImagesModelsPredictions {
    static let migration = Migration(version: 2, name: "images, models and predictions", sql: sql)

    // Bytes are stored as LONGBLOB (not base64 text). A deleted image keeps its row (is_deleted, deleted_at)
    // with data and thumbnail set to NULL. `idempotency_key` is unique per user; NULLs do not collide.
    // Predictions keep history: a new classification marks the earlier set is_current = FALSE.
    // Labels use a case-insensitive collation, so `label LIKE ...` ignores case.
    private static let sql = """
        CREATE TABLE models (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            name VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            version VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            task VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME(6) NOT NULL,
            is_default BOOLEAN NOT NULL DEFAULT FALSE,
            PRIMARY KEY (id),
            UNIQUE KEY models_name_version (name, version)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        CREATE TABLE images (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            user_id BIGINT UNSIGNED NOT NULL,
            title VARCHAR(200) NULL,
            content_type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            byte_size INT UNSIGNED NOT NULL,
            width INT UNSIGNED NOT NULL,
            height INT UNSIGNED NOT NULL,
            sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            data LONGBLOB NULL,
            thumbnail MEDIUMBLOB NULL,
            thumbnail_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
            idempotency_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
            idempotency_fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
            created_at DATETIME(6) NOT NULL,
            updated_at DATETIME(6) NOT NULL,
            is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
            deleted_at DATETIME(6) NULL,
            PRIMARY KEY (id),
            KEY images_user_active (user_id, is_deleted, id),
            UNIQUE KEY images_user_idempotency_key (user_id, idempotency_key),
            CONSTRAINT images_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        CREATE TABLE predictions (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            image_id BIGINT UNSIGNED NOT NULL,
            model_id BIGINT UNSIGNED NOT NULL,
            `rank` TINYINT UNSIGNED NOT NULL,
            class_index INT UNSIGNED NOT NULL,
            label VARCHAR(255) NOT NULL,
            score DOUBLE NOT NULL,
            is_current BOOLEAN NOT NULL DEFAULT TRUE,
            created_at DATETIME(6) NOT NULL,
            PRIMARY KEY (id),
            KEY predictions_image_current (image_id, is_current, `rank`),
            CONSTRAINT predictions_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE,
            CONSTRAINT predictions_model FOREIGN KEY (model_id) REFERENCES models (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """
}
