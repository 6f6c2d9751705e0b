import MLPDomain
import MariaDB

/// Translates MariaDB failures into domain errors the API can answer with.
public enum DatabaseErrorMapping {
    /// Seconds a client is told to wait before retrying when the database is unavailable.
    public static let retryAfterSeconds = 2

    /// `.unavailable` for connection trouble (lost, outcome unknown, pool exhausted, deadlock retries used up)
    /// and for a server that cannot write now (read-only, disk or table full); `.conflict` with
    /// `conflictMessage` for a duplicate key when given; otherwise the error unchanged.
    public static func map(_ error: any Error, conflictMessage: String? = nil) -> any Error {
        guard let failure = error as? MariaDBError else { return error }
        switch failure.kind {
        case .connectionLost, .outcomeUnknown, .poolTimeout, .deadlock, .lockWaitTimeout:
            return DomainError(
                .unavailable, "The database is unavailable; try again shortly.",
                retryAfterSeconds: retryAfterSeconds)
        case .readOnly, .storageFull:
            // Reads keep working; writes wait for an operator (maintenance switch, disk space).
            return DomainError(
                .unavailable, "The database accepts no changes at the moment; try again later.",
                retryAfterSeconds: retryAfterSeconds)
        case .duplicateKey:
            guard let conflictMessage else { return error }
            return DomainError(.conflict, conflictMessage)
        default:
            return error
        }
    }

    /// Runs `body`, translating what it throws with ``map(_:conflictMessage:)``.
    public static func translating<T>(conflictMessage: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw map(error, conflictMessage: conflictMessage)
        }
    }
}
