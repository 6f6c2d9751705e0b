import MariaDB

/// An index of each account's pictures by when they were taken (or uploaded), for the gallery's order by the
/// time taken.
enum Migration0014ImageTimeline {
    static let migration = Migration(version: 14, name: "image timeline", sql: sql)

    // `timeline_at` is when the picture was taken as its file says (the camera's clock), or else when it was
    // uploaded: every picture has a place, and the list by the time taken is one range of the index, read in
    // order (keyset pages on (timeline_at, id), no sort). The column is VIRTUAL: adding it changes only the
    // table's definition, and the index is built in place from the rows' small columns, so the pictures' bytes
    // are neither copied nor rewritten. Kept up to date by MariaDB when `taken_at` is set later
    // (`mlp images read-dates`) or a picture is replaced. MariaDB does not add a virtual column and an index in
    // one in-place ALTER, hence two statements; `IF NOT EXISTS` lets the migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE images ADD COLUMN IF NOT EXISTS timeline_at DATETIME(6) AS (COALESCE(taken_at, created_at)) VIRTUAL;
        ALTER TABLE images ADD INDEX IF NOT EXISTS images_user_timeline (user_id, is_deleted, timeline_at, id)
        """
}
