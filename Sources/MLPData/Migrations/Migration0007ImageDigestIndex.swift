import MariaDB

/// An index on each account's pictures by their bytes' digest, for finding duplicates.
enum Migration0007ImageDigestIndex {
    static let migration = Migration(version: 7, name: "image digest index", sql: sql)

    // `GET /api/v1/images/duplicates` groups an account's active pictures by `sha256` and joins each group back
    // to its pictures. Without this index MariaDB read the rows themselves (and planned a scan of every
    // account's rows for the join); with it both steps are index lookups: 0.01 s instead of 0.05 s for an
    // account of 20 000 pictures beside another of 100 000 (synthetic rows, 2026-11-27). An upload adds one
    // entry of about 80 bytes. `IF NOT EXISTS` lets the migration run again if it was interrupted.
    private static let sql = """
        ALTER TABLE images ADD INDEX IF NOT EXISTS images_user_sha256 (user_id, is_deleted, sha256)
        """
}
