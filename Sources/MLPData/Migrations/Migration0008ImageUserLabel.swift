import MariaDB

/// What the owner says a picture shows, beside what the model says.
enum Migration0008ImageUserLabel {
    static let migration = Migration(version: 8, name: "image user label", sql: sql)

    // A nullable column at the end of the row: MariaDB adds it in place (ALGORITHM=INSTANT), without copying
    // the pictures. Compared with prediction labels under the table's utf8mb4_unicode_ci, so case does not
    // matter. The index serves the agreement of `GET /api/v1/labels` (an account's labelled pictures): on an
    // account of 20 000 pictures beside one of 100 000, 2 000 of them labelled, the statement took 0.04-0.06 s
    // with it and 0.6-0.7 s without, when MariaDB chose to scan every account's rows (synthetic rows,
    // `mariadb` client, 2026-11-27). Building it reads the table once, online. `IF NOT EXISTS` lets the
    // migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE images
            ADD COLUMN IF NOT EXISTS user_label VARCHAR(255) NULL,
            ADD INDEX IF NOT EXISTS images_user_label (user_id, is_deleted, user_label)
        """
}
