import MariaDB

/// Albums: named groups of an account's pictures.
enum Migration0010Albums {
    static let migration = Migration(version: 10, name: "albums", sql: sql)

    // A name is unique per account under the table's case-insensitive collation. `album_images` lists what
    // an album holds; deleting an album deletes its rows (the pictures stay), and a deleted picture's rows go in
    // the transaction that deletes it (MariaDBImageRepository.markDeleted), the foreign keys covering hard
    // deletes. The primary key serves an album's page (`album_id`, then the pictures by id); `album_images_image`
    // the albums of one picture.
    private static let sql = """
        CREATE TABLE IF NOT EXISTS albums (
            id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
            user_id BIGINT UNSIGNED NOT NULL,
            name VARCHAR(100) NOT NULL,
            created_at DATETIME(6) NOT NULL,
            updated_at DATETIME(6) NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY albums_user_name (user_id, name),
            CONSTRAINT albums_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        CREATE TABLE IF NOT EXISTS album_images (
            album_id BIGINT UNSIGNED NOT NULL,
            image_id BIGINT UNSIGNED NOT NULL,
            added_at DATETIME(6) NOT NULL,
            PRIMARY KEY (album_id, image_id),
            KEY album_images_image (image_id),
            CONSTRAINT album_images_album FOREIGN KEY (album_id) REFERENCES albums (id) ON DELETE CASCADE,
            CONSTRAINT album_images_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """
}
