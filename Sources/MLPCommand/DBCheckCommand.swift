import ArgumentParser
import MLPData
import MariaDB

/// `mlp db-check`: connects and reports server version and migration state; fails when not current.
struct DBCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db-check", abstract: "Check the database connection and migration status.")

    func run() throws {
        let configuration = MariaDBConfiguration.fromEnvironment()
        switch configuration.endpoint {
        case .unixSocket(let path): print("endpoint: unix socket \(path)")
        case .tcp(let host, let port): print("endpoint: tcp \(host):\(port)")
        }
        print("database: \(configuration.database ?? "-") as \(configuration.user)")
        let connection = try Connection(configuration: configuration)
        let status = try DatabaseStatus.check(on: connection)
        print("server: \(status.serverVersion)")
        print("migrations applied: \(status.appliedVersions.map(String.init).joined(separator: ", "))")
        if status.isReady {
            print("migrations: current")
        } else {
            for migration in status.pending { print("pending \(migration.version): \(migration.name)") }
            print("migrations: \(status.pending.count) pending; run `mlp migrate`")
            throw ExitCode(2)
        }
    }
}
