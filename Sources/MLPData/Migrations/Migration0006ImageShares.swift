import MariaDB

/// Share links: one per image at most, each a random token that shows the picture without an account.
enum Migration0006ImageShares {
    static let migration = Migration(version: 6, name: "image shares", sql: sql)

    // The token is stored as it is (not as a digest like session tokens): the owner must be able to see
    // and copy the link again, and it opens nothing but a picture whose bytes sit in the same database.
    // `ascii_bin`: tokens compare byte for byte (base64url is case-sensitive). Deleting an image deletes its
    // row in the same transaction (MariaDBImageRepository.markDeleted); the foreign key covers hard deletes.
    private static let sql = """
        CREATE TABLE IF NOT EXISTS image_shares (
            image_id BIGINT UNSIGNED NOT NULL,
            token VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME(6) NOT NULL,
            PRIMARY KEY (image_id),
            UNIQUE KEY image_shares_token (token),
            CONSTRAINT image_shares_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """
}
