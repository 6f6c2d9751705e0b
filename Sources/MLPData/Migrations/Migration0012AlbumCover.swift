import MariaDB

/// The picture an album's owner chose as its cover.
enum Migration0012AlbumCover {
    static let migration = Migration(version: 12, name: "album cover", sql: sql)

    // A nullable column at the end of the row, added in place (ALGORITHM=INSTANT). No foreign key: the choice
    // counts only while the album holds the picture and the picture is active, which the statements that read the
    // cover check (MariaDBAlbumRepository.summaryColumns); taking the picture out of the album clears it, and a
    // deleted picture's id is never given again. NULL, and a choice that no longer counts, mean "the picture put
    // in last". `IF NOT EXISTS` lets the migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE albums ADD COLUMN IF NOT EXISTS cover_image_id BIGINT UNSIGNED NULL
        """
}
