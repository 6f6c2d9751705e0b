import Foundation
import MLPDomain
import MariaDB

/// A picture's file replaced, and what its file says read again (`mlp images read-dates`).
extension MariaDBImageRepository {
    public func replaceContent(id: Int64, with content: ImageUpload, at date: Date, keepingUploadedDigest: Bool) throws {
        guard let (owner, old) = try ownerAndSize(of: id) else { return }
        try connection.execute("UPDATE users SET stored_bytes = stored_bytes - \(old) + \(content.bytes.count) WHERE id = \(owner)")
        // MariaDB assigns left to right: `uploaded_sha256` reads `sha256` before it is changed.
        try connection.execute("""
            UPDATE images SET uploaded_sha256 = IF(\(keepingUploadedDigest), COALESCE(uploaded_sha256, sha256), NULL),
                content_type = \(content.facts.contentType), byte_size = \(content.bytes.count),
                width = \(content.facts.width), height = \(content.facts.height), sha256 = \(content.sha256),
                data = \(content.bytes), thumbnail = \(content.thumbnail),
                thumbnail_sha256 = \(OpenSSLContentDigester().sha256Hex(content.thumbnail)), updated_at = \(date),
                taken_at = \(content.facts.takenAt?.local), taken_offset = \(content.facts.takenAt?.offsetMinutes)
            WHERE id = \(id) AND is_deleted = FALSE
            """)
    }

    public func undatedPictureIDs(afterID: Int64, limit: Int) throws -> [Int64] {
        try connection.query(SQLQuery(unsafeSQL: """
            SELECT id FROM images
            WHERE id > ? AND is_deleted = FALSE AND taken_at IS NULL
            ORDER BY id LIMIT ?
            """, binds: [.int(afterID), .int(Int64(limit))])).map { try $0.decode(Int64.self, "id") }
    }

    public func setTakenAt(id: Int64, _ takenAt: CaptureTime) throws {
        try connection.execute("""
            UPDATE images SET taken_at = \(takenAt.local), taken_offset = \(takenAt.offsetMinutes)
            WHERE id = \(id) AND is_deleted = FALSE AND taken_at IS NULL
            """)
    }
}
