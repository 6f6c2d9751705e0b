import MariaDB

/// What the owner says a picture shows, beside what the model says.
enum Migration0008ImageUserLabel {
    static let migration = Migration(version: 8, name: "image user label", sql: sql)

    // A nullable column at the end of the row: MariaDB adds it in place (ALGORITHM=INSTANT), without copying
    // the pictures. Compared with prediction labels under the table's utf8mb4_unicode_ci, so case does not
    // matter. `IF NOT EXISTS` lets the migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE images ADD COLUMN IF NOT EXISTS user_label VARCHAR(255) NULL
        """
}
