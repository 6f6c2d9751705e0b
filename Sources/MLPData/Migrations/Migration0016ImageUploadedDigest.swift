import MariaDB

/// The digest of a picture's file as it was uploaded, kept once the stored file was turned.
enum Migration0016ImageUploadedDigest {
    static let migration = Migration(version: 16, name: "image uploaded digest", sql: sql)

    // Turning a picture (`POST /api/v1/images/{id}/rotate`) rewrites the orientation in its file, so `sha256` (the
    // stored bytes' digest, the ETag) changes. A client that asks whether a file is already there
    // (`GET /api/v1/images?sha256=`, `mlp-sync`, "Find by picture") still has the file as it was uploaded: this
    // column keeps that file's digest while the stored file is a turned one (NULL otherwise), and the lookups
    // match either. NULL for every existing row, added at the end of the row (ALGORITHM=INSTANT); the index,
    // built in place from small columns, makes the lookup a range as images_user_sha256 (migration 7) does. Two
    // statements for the reason given in migration 15; `IF NOT EXISTS` lets the migration run again.
    private static let sql = """
        ALTER TABLE images ADD COLUMN IF NOT EXISTS uploaded_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL;
        ALTER TABLE images ADD INDEX IF NOT EXISTS images_user_uploaded_sha256 (user_id, is_deleted, uploaded_sha256)
        """
}
