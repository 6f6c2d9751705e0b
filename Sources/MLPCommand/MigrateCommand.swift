import ArgumentParser
import MLPData
import MariaDB

/// `mlp migrate`: applies pending schema migrations.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations (safe to run concurrently).")

    func run() throws {
        let connection = try Connection(configuration: .fromEnvironment())
        let applied = try MLPMigrations.migrator.migrate(on: connection)
        for migration in applied {
            print("applied \(migration.version): \(migration.name)")
        }
        print(applied.isEmpty ? "database is up to date" : "applied \(applied.count) migration(s)")
    }
}
