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
    /// How long a login waits for the attempt before it on the same account.
    static let lockWaitSeconds = 5

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

    /// Serialises the attempts on one account with a named lock (`GET_LOCK`, waiting up to
    /// `lockWaitSeconds`) around count-and-insert, and counts the account's failures with a locking read, so
    /// it also waits for the COMMIT of the attempt before it. The address count is a plain read: concurrent
    /// attempts from one address on different accounts can pass the address limit by the number in flight.
    public func reserveFailure(
        accountKey: String, clientAddress: String, at date: Date, since: Date, maxPerAccount: Int, maxPerAddress: Int
    ) throws -> LoginFailures? {
        let account = Self.key("account", accountKey)
        let lockName = "mlp_login_" + SHA256Digest.hash(Array(account.utf8)).prefix(24).map { String(format: "%02x", $0) }.joined()
        let got = try connection.query("SELECT GET_LOCK(\(lockName), \(Self.lockWaitSeconds)) AS got").first?.decode(Int?.self, "got")
        guard got == 1 else {
            throw MariaDBError(kind: .lockWaitTimeout, code: 1205, message: "login lock \(lockName) not granted")
        }
        defer { _ = try? connection.query("SELECT RELEASE_LOCK(\(lockName)) AS released") }
        let perAccount = try failures(key: account, since: since, locking: true)
        if perAccount.count >= maxPerAccount { return perAccount }
        let perAddress = try failures(key: Self.key("address", clientAddress), since: since)
        if perAddress.count >= maxPerAddress { return perAddress }
        try recordFailure(accountKey: accountKey, clientAddress: clientAddress, at: date)
        return nil
    }

    public func cancelReservedFailure(accountKey: String, clientAddress: String, at date: Date) throws {
        for key in [Self.key("account", accountKey), Self.key("address", clientAddress)] {
            try connection.execute("DELETE FROM login_attempts WHERE throttle_key = \(key) AND created_at = \(date) LIMIT 1")
        }
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

    /// `locking`: read the latest committed rows and lock them (waiting for transactions that inserted some).
    private func failures(key: String, since: Date, locking: Bool = false) throws -> LoginFailures {
        let row = try connection.query(locking ? """
            SELECT COUNT(*) AS failures, MIN(created_at) AS oldest FROM login_attempts
            WHERE throttle_key = \(key) AND created_at > \(since) FOR UPDATE
            """ : """
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
