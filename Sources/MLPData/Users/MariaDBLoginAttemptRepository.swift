import Foundation
import MLPDomain
import MariaDB

/// Failed logins in the `login_attempts` table. Each failure is two rows, one under the account's key
/// (`account:<username key>`) and one under the client's (`address:<ip>`), counted by `throttle_key`
/// within the window through the `(throttle_key, created_at)` index.
public struct MariaDBLoginAttemptRepository: LoginAttemptRepository {
    /// Length of the `throttle_key` column; longer keys are stored as a SHA-256.
    static let maxKeyLength = 255
    /// Old rows are pruned in batches so one login never deletes an unbounded number of rows.
    static let pruneBatch = 1000

    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    public func recordFailure(accountKey: String, clientAddress: String, at date: Date) throws {
        let account = Self.key("account", accountKey)
        let address = Self.key("address", clientAddress)
        try connection.execute("""
            INSERT INTO login_attempts (throttle_key, created_at) VALUES (\(account), \(date)), (\(address), \(date))
            """)
    }

    public func failures(accountKey: String, since: Date) throws -> LoginFailures {
        try failures(key: Self.key("account", accountKey), since: since)
    }

    public func failures(clientAddress: String, since: Date) throws -> LoginFailures {
        try failures(key: Self.key("address", clientAddress), since: since)
    }

    public func clearFailures(accountKey: String) throws {
        try connection.execute("DELETE FROM login_attempts WHERE throttle_key = \(Self.key("account", accountKey))")
    }

    public func deleteFailures(before date: Date) throws {
        try connection.execute("DELETE FROM login_attempts WHERE created_at < \(date) LIMIT \(Self.pruneBatch)")
    }

    private func failures(key: String, since: Date) throws -> LoginFailures {
        let row = try connection.query("""
            SELECT COUNT(*) AS failures, MIN(created_at) AS oldest FROM login_attempts
            WHERE throttle_key = \(key) AND created_at > \(since)
            """).first
        return LoginFailures(
            count: try row?.decode(Int.self, "failures") ?? 0, oldest: try row?.decode(Date?.self, "oldest") ?? nil
        )
    }

    /// `kind:value`, or `kind#<sha-256 hex>` when that would not fit the column.
    static func key(_ kind: String, _ value: String) -> String {
        let plain = kind + ":" + value
        guard plain.count > maxKeyLength else { return plain }
        return kind + "#" + SHA256Digest.hash(Array(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
