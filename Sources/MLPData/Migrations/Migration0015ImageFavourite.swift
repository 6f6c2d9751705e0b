import MariaDB

/// The pictures their owner marked as favourites.
enum Migration0015ImageFavourite {
    static let migration = Migration(version: 15, name: "image favourite", sql: sql)

    // A flag rather than a time: the favourites are listed in the gallery's orders like every other filter.
    // The column is added at the end of the row with a default, which MariaDB does in place (ALGORITHM=INSTANT):
    // no picture's bytes are copied. The index makes "my favourites" one range per account, in id order (InnoDB
    // keeps the primary key in every secondary index), so a page of favourites reads only favourites; it is built
    // in place from the rows' small columns. MariaDB cannot add the column instantly and the index in the same
    // statement (it would rebuild the table with the pictures), hence two statements; `IF NOT EXISTS` lets the
    // migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE images ADD COLUMN IF NOT EXISTS favourite BOOLEAN NOT NULL DEFAULT FALSE;
        ALTER TABLE images ADD INDEX IF NOT EXISTS images_user_favourite (user_id, is_deleted, favourite)
        """
}
