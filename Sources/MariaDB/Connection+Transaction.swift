#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Connection {
    /// Runs `body` in one transaction: commit on return, rollback on throw.
    ///
    /// A deadlock, a lock wait timeout, or a session lost before COMMIT was sent rolls the work back on
    /// the server; the body then runs again, up to `maxAttempts` times in all, so it must be re-runnable
    /// (no side effects outside the database). A session lost during COMMIT is reported as
    /// ``MariaDBError/Kind/outcomeUnknown`` and never retried. Inside an open transaction `body` just runs.
    public func withTransaction<T>(maxAttempts: Int = 3, _ body: (Connection) throws -> T) throws -> T {
        if isInTransaction { return try body(self) }
        var attempt = 1
        while true {
            do {
                return try runTransactionOnce(body)
            } catch let error as MariaDBError
                where attempt < maxAttempts && [.deadlock, .lockWaitTimeout, .connectionLost].contains(error.kind)
            {
                attempt += 1
                // A short, growing pause lets the competing transaction finish first.
                usleep(UInt32(attempt * 2_000))
            }
        }
    }

    private func runTransactionOnce<T>(_ body: (Connection) throws -> T) throws -> T {
        try runText("START TRANSACTION")
        isInTransaction = true
        let value: T
        do {
            value = try body(self)
        } catch var failure as MariaDBError where failure.isConnectionFailure {
            // The session died before COMMIT: the server rolled the whole transaction back, so the
            // statement's own uncertainty does not matter and the transaction may run again.
            isInTransaction = false
            failure.kind = .connectionLost
            throw failure
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try runText("COMMIT")
        } catch let failure as MariaDBError where failure.isConnectionFailure {
            // Lost while COMMIT was in flight (outcome unknown, never retried) or before it was sent
            // (connection lost: rolled back, retried).
            isInTransaction = false
            throw failure
        } catch {
            rollbackQuietly()
            throw error
        }
        isInTransaction = false
        return value
    }

    /// Rolls back; when the session is already gone the server has rolled back for us.
    private func rollbackQuietly() {
        defer { isInTransaction = false }
        do {
            try runText("ROLLBACK")
        } catch {
            markBroken()
        }
    }
}
