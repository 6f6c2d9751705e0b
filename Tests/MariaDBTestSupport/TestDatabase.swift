import Foundation
import MariaDB

/// Shared by the test targets that need a real MariaDB.
/// A database of its own for one test, created on init and dropped on deinit.
public final class TestDatabase {
    public let name: String
    public let configuration: MariaDBConfiguration
    private let admin: Connection

    public init() throws {
        var base = try TestDatabase.serverConfiguration()
        base.database = nil
        admin = try Connection(configuration: base)
        name = "mlp_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try admin.executeScript(unsafeSQL: "CREATE DATABASE `\(name)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        var configuration = base
        configuration.database = name
        self.configuration = configuration
    }

    deinit {
        try? admin.executeScript(unsafeSQL: "DROP DATABASE IF EXISTS `\(name)`")
    }

    /// A new connection to this test's database.
    public func connect() throws -> Connection {
        try Connection(configuration: configuration)
    }

    /// The server settings from MLP_DB_* variables; fails loudly when no server is configured or running.
    public static func serverConfiguration() throws -> MariaDBConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let configuration = MariaDBConfiguration.fromEnvironment(environment)
        if environment["MLP_DB_SOCKET"] == nil, environment["MLP_DB_HOST"] == nil,
            case .unixSocket(let path) = configuration.endpoint, !FileManager.default.fileExists(atPath: path)
        {
            throw TestSetupError(
                "No MariaDB server: \(path) does not exist. Start one with `scripts/mariadb.sh start` "
                    + "or set MLP_DB_SOCKET / MLP_DB_HOST.")
        }
        return configuration
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
