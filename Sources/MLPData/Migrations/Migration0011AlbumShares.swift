import MariaDB

/// Album links: one per album at most, each a random token that shows the album's pictures without an account.
enum Migration0011AlbumShares {
    static let migration = Migration(version: 11, name: "album shares", sql: sql)

    // As `image_shares` (migration 6): the token is stored as it is, so the owner can copy the link again, and
    // compares byte for byte. Deleting an album deletes its link (the foreign key); deleting an account deletes
    // its albums' links in the same transaction (MariaDBImageRepository.markAllDeleted).
    private static let sql = """
        CREATE TABLE IF NOT EXISTS album_shares (
            album_id BIGINT UNSIGNED NOT NULL,
            token VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME(6) NOT NULL,
            PRIMARY KEY (album_id),
            UNIQUE KEY album_shares_token (token),
            CONSTRAINT album_shares_album FOREIGN KEY (album_id) REFERENCES albums (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """
}
