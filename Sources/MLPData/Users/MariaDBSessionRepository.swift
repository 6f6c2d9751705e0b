import Foundation
import MLPDomain
import MariaDB

/// Login sessions in the `sessions` table, found by the SHA-256 of their token (unique index).
public struct MariaDBSessionRepository: SessionRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    public func create(
        userID: Int64, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, origin: SessionOrigin, key: SessionKey?
    ) throws -> Session {
        let result = try connection.execute("""
            INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, expires_at, user_agent, client_address, key_name, read_only)
            VALUES (\(userID), \(tokenHash), \(createdAt), \(createdAt), \(expiresAt), \(origin.userAgent), \(origin.clientAddress),
                \(key?.name), \(key?.readOnly ?? false))
            """)
        return Session(
            id: Int64(result.lastInsertID), userID: userID, tokenHash: tokenHash, createdAt: createdAt,
            lastSeenAt: createdAt, expiresAt: expiresAt, origin: origin, key: key
        )
    }

    public func listOpen(userID: Int64, at date: Date, idleCutoff: Date, limit: Int) throws -> (sessions: [Session], total: Int) {
        let open = "user_id = ? AND key_name IS NULL AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?"
        let binds: [SQLValue] = [.int(userID), date.sqlValue, idleCutoff.sqlValue]
        let sessions = try connection.query(SQLQuery(
            unsafeSQL: "SELECT \(Self.columns), user_agent, client_address FROM sessions WHERE \(open) ORDER BY last_seen_at DESC, id DESC LIMIT ?",
            binds: binds + [.int(Int64(limit))]
        )).map(Self.sessionWithOrigin)
        let total = try connection.query(SQLQuery(unsafeSQL: "SELECT COUNT(*) AS total FROM sessions WHERE \(open)", binds: binds))
            .first?.decode(Int64.self, "total") ?? 0
        return (sessions, Int(total))
    }

    public func listKeys(userID: Int64, at date: Date, limit: Int) throws -> [Session] {
        try connection.query(SQLQuery(
            unsafeSQL: """
                SELECT \(Self.columns), user_agent, client_address FROM sessions
                WHERE user_id = ? AND key_name IS NOT NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT ?
                """,
            binds: [.int(userID), date.sqlValue, .int(Int64(limit))]
        )).map(Self.sessionWithOrigin)
    }

    public func revokeKey(id: Int64, userID: Int64, at date: Date) throws -> Bool {
        try connection.execute("""
            UPDATE sessions SET revoked_at = \(date)
            WHERE id = \(id) AND user_id = \(userID) AND key_name IS NOT NULL AND revoked_at IS NULL AND expires_at > \(date)
            """).affectedRows == 1
    }

    public func find(tokenHash: [UInt8]) throws -> Session? {
        try connection.query(SQLQuery(unsafeSQL: "SELECT \(Self.columns) FROM sessions WHERE token_hash = ?", binds: [.bytes(tokenHash)])).first.map(Self.session)
    }

    /// The columns ``session(_:)`` reads.
    private static let columns = "id, user_id, token_hash, created_at, last_seen_at, expires_at, revoked_at, key_name, read_only"

    private static func sessionWithOrigin(_ row: Row) throws -> Session {
        var session = try session(row)
        session.origin = SessionOrigin(
            userAgent: try row.decode(String?.self, "user_agent"), clientAddress: try row.decode(String?.self, "client_address")
        )
        return session
    }

    public func findWithActiveUser(tokenHash: [UInt8]) throws -> (session: Session, user: User)? {
        try connection.query(SQLQuery(
            unsafeSQL: "SELECT \(Self.withUserColumns) \(Self.withActiveUser) WHERE s.token_hash = ?", binds: [.bytes(tokenHash)]
        )).first.map(Self.sessionWithUser)
    }

    /// The columns of a session (`s_…`) and its user (`u_…`), read by ``sessionWithUser(_:)``.
    static let withUserColumns = """
        s.id AS s_id, s.user_id AS s_user_id, s.token_hash AS s_token_hash, s.created_at AS s_created_at,
        s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at,
        s.key_name AS s_key_name, s.read_only AS s_read_only,
        u.id AS u_id, u.username AS u_username, u.created_at AS u_created_at, u.updated_at AS u_updated_at,
        u.is_deleted AS u_is_deleted, u.deleted_at AS u_deleted_at
        """

    /// Sessions joined to their user when that user is not deleted (`s` and `u`).
    static let withActiveUser = "FROM sessions s JOIN users u ON u.id = s.user_id AND u.is_deleted = FALSE"

    /// A row with ``withUserColumns``.
    static func sessionWithUser(_ row: Row) throws -> (session: Session, user: User) {
        (session: try session(row, prefix: "s_"), user: try MariaDBUserRepository.user(row, prefix: "u_"))
    }

    static func session(_ row: Row) throws -> Session {
        try session(row, prefix: "")
    }

    /// A session from columns named with `prefix`.
    static func session(_ row: Row, prefix: String) throws -> Session {
        Session(
            id: try row.decode(Int64.self, prefix + "id"),
            userID: try row.decode(Int64.self, prefix + "user_id"),
            tokenHash: try row.decode([UInt8].self, prefix + "token_hash"),
            createdAt: try row.decode(Date.self, prefix + "created_at"),
            lastSeenAt: try row.decode(Date.self, prefix + "last_seen_at"),
            expiresAt: try row.decode(Date.self, prefix + "expires_at"),
            revokedAt: try row.decode(Date?.self, prefix + "revoked_at"),
            key: try row.decode(String?.self, prefix + "key_name").map { SessionKey(name: $0, readOnly: try row.decode(Bool.self, prefix + "read_only")) }
        )
    }

    public func touch(id: Int64, at date: Date) throws {
        // Never move last_seen_at backwards when two requests race.
        try connection.execute("UPDATE sessions SET last_seen_at = \(date) WHERE id = \(id) AND last_seen_at < \(date)")
    }

    public func revoke(id: Int64, at date: Date) throws {
        try connection.execute("UPDATE sessions SET revoked_at = \(date) WHERE id = \(id) AND revoked_at IS NULL")
    }

    public func revoke(id: Int64, userID: Int64, at date: Date, idleCutoff: Date) throws -> Bool {
        try connection.execute("""
            UPDATE sessions SET revoked_at = \(date)
            WHERE id = \(id) AND user_id = \(userID) AND key_name IS NULL AND revoked_at IS NULL AND expires_at > \(date)
                AND last_seen_at > \(idleCutoff)
            """).affectedRows == 1
    }

    @discardableResult
    public func deleteEnded(userID: Int64, at date: Date, idleCutoff: Date) throws -> Int {
        Int(try connection.execute("""
            DELETE FROM sessions
            WHERE user_id = \(userID)
                AND (expires_at <= \(date) OR revoked_at IS NOT NULL OR (key_name IS NULL AND last_seen_at < \(idleCutoff)))
            """).affectedRows)
    }

    @discardableResult
    public func revokeAll(userID: Int64, except: Int64?, keepingKeys: Bool, at date: Date) throws -> Int {
        // Session ids start at 1, so 0 keeps none.
        Int(try connection.execute("""
            UPDATE sessions SET revoked_at = \(date)
            WHERE user_id = \(userID) AND id <> \(except ?? 0) AND revoked_at IS NULL AND (key_name IS NULL OR NOT \(keepingKeys))
            """).affectedRows)
    }
}
