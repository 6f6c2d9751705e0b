import ArgumentParser

/// `mlp`: administration of an MLP installation.
struct MLPRootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Administer MLP: database migrations, users, share links, models, re-classification, checks and benchmarks.",
        discussion: """
            Database settings come from MLP_DB_SOCKET (default run/mariadb/mariadb.sock), MLP_DB_HOST, \
            MLP_DB_PORT, MLP_DB_USER (default mlp), MLP_DB_PASSWORD (default mlp) and MLP_DB_NAME (default mlp).
            """,
        subcommands: [
            MigrateCommand.self, CheckCommand.self, DBCheckCommand.self, UsersCommand.self, ImagesCommand.self, SharesCommand.self, ModelsCommand.self,
            ClassifyCommand.self, ReclassifyCommand.self, BenchCommand.self,
        ]
    )
}
