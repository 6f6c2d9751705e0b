import MLPDomain
import MariaDB

/// The repositories of one unit of work, all on the connection that holds its transaction.
///
/// Features add their repositories as extensions (for example `var users: some UserRepository`)
/// built over ``connection``.
public struct MariaDBRepositories: Repositories {
    /// The connection inside the open transaction; valid only during the unit of work.
    public let connection: Connection

    /// Wraps the transaction's connection.
    public init(connection: Connection) {
        self.connection = connection
    }
}
