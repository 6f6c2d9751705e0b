import MariaDB

/// When each picture was taken, as its file says (Exif DateTimeOriginal and OffsetTimeOriginal).
enum Migration0013ImageTakenAt {
    static let migration = Migration(version: 13, name: "image taken at", sql: sql)

    // Two nullable columns at the end of the row, added in place (ALGORITHM=INSTANT), without copying the pictures.
    // `taken_at` is the camera's local wall-clock time (DATETIME has no zone, and most cameras record none);
    // `taken_offset` its offset from UTC in minutes, when the camera recorded one. Pictures stored before stay
    // NULL until `mlp images read-dates` reads them. `IF NOT EXISTS` lets the migration run again if it was
    // interrupted.
    private static let sql = """
        ALTER TABLE images
            ADD COLUMN IF NOT EXISTS taken_at DATETIME NULL,
            ADD COLUMN IF NOT EXISTS taken_offset SMALLINT NULL
        """
}
