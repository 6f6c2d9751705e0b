import ArgumentParser
import Foundation
import MLPAPI
import MLPData
import MLPDomain
import MariaDB

/// `mlp users create|list|set-password|sessions|sign-out|export|import|recount-storage|delete`: account
/// administration on the configured database.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Create, list and delete user accounts, set their passwords and end their sessions.",
        subcommands: [
            Create.self, List.self, SetPassword.self, Sessions.self, SignOut.self, Export.self, Import.self, RecountStorage.self,
            Delete.self,
        ]
    )

    /// `mlp users create <username>`: the password is read from the terminal without echo, or from one line
    /// of standard input when it is not a terminal (never from the command line, where `ps` would show it).
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account (asks for the password).")

        @Argument(help: "The e-mail address that is the username.")
        var username: String

        func run() throws {
            let password = try UsersCommand.readPassword()
            let useCase = CreateUserUseCase(
                unitOfWork: try UsersCommand.unitOfWork(), hasher: try Argon2PasswordHasher.fromEnvironment(),
                clock: SystemClock()
            )
            let user = try UsersCommand.reporting { try useCase.execute(username: username, password: password) }
            print("created user \(user.id) \(user.username)")
        }
    }

    /// `mlp users list`: accounts in id order.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @Flag(help: "Include deleted accounts.")
        var includeDeleted = false

        @Option(help: "Show at most this many accounts (1...\(ListUsersUseCase.maxLimit)).")
        var limit = 100

        @Option(help: "Start after this user id.")
        var after: Int64?

        func run() throws {
            let useCase = ListUsersUseCase(unitOfWork: try UsersCommand.unitOfWork())
            let users = try UsersCommand.reporting { try useCase.execute(includeDeleted: includeDeleted, afterID: after, limit: limit) }
            for user in users {
                let created = user.createdAt.formatted(Date.ISO8601FormatStyle())
                let deleted = user.deletedAt.map { "  deleted \($0.formatted(Date.ISO8601FormatStyle()))" } ?? ""
                print("\(user.id)\t\(user.username)\t\(created)\(deleted)")
            }
            print("\(users.count) account(s)")
        }
    }

    /// `mlp users set-password <username>`: a new password without the old one (a user who forgot theirs),
    /// read like `create` reads it; every session of the account ends.
    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password", abstract: "Set an account's password (asks for it) and end all its sessions."
        )

        @Argument(help: "The username (e-mail address) of the account.")
        var username: String

        func run() throws {
            let password = try UsersCommand.readPassword()
            let useCase = ChangePasswordUseCase(
                unitOfWork: try UsersCommand.unitOfWork(), hasher: try Argon2PasswordHasher.fromEnvironment(),
                clock: SystemClock(), configuration: AuthConfiguration()
            )
            try UsersCommand.reporting {
                try useCase.resetPassword(username: try Username(validating: username), newPassword: password)
            }
            print("password set for \(username); every session of the account has ended")
        }
    }

    /// `mlp users sessions <username>`: the account's sessions that are not logged out or expired, most recently
    /// used first, then its open API keys, to see where a compromised account is logged in and what can still
    /// reach it before `sign-out`. Sessions idle longer than the server's `MLP_SESSION_IDLE_TIMEOUT` no longer
    /// open but are listed too (the command does not read the server's settings); their last use tells them apart.
    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the sessions and API keys of an account that are not logged out, revoked or expired."
        )
        /// No idle limit: about a century.
        static let noIdleLimit: TimeInterval = 100 * 365 * 86_400

        @Argument(help: "The username (e-mail address) of the account.")
        var username: String

        func run() throws {
            let useCase = ListSessionsUseCase(
                unitOfWork: try UsersCommand.unitOfWork(), clock: SystemClock(), configuration: AuthConfiguration(idleTimeout: Self.noIdleLimit)
            )
            let listed = try UsersCommand.reporting { try useCase.execute(username: try Username(validating: username)) }
            let format = Date.ISO8601FormatStyle()
            for session in listed.sessions {
                print([
                    "\(session.id)", "logged in \(session.createdAt.formatted(format))", "last seen \(session.lastSeenAt.formatted(format))",
                    session.origin.clientAddress ?? "-", session.origin.userAgent ?? "-",
                ].joined(separator: "\t"))
            }
            let cut = listed.total > listed.sessions.count ? ", the \(listed.sessions.count) most recently used listed" : ""
            print("\(listed.total) session(s) not logged out or expired\(cut)")
            let keys = try UsersCommand.reporting {
                try APIKeysUseCase(unitOfWork: try UsersCommand.unitOfWork(), tokens: OpenSSLTokenGenerator(), clock: SystemClock())
                    .list(username: try Username(validating: username))
            }
            for key in keys {
                print([
                    "\(key.id)", "API key \"\(key.key?.name ?? "")\"", key.key?.readOnly == true ? "read only" : "full access",
                    "made \(key.createdAt.formatted(format))", "last used \(key.lastSeenAt.formatted(format))",
                    "expires \(key.expiresAt.formatted(format))", key.origin.clientAddress ?? "-",
                ].joined(separator: "\t"))
            }
            print("\(keys.count) API key(s) not revoked or expired")
        }
    }

    /// `mlp users sign-out <username>`: ends every session and API key of an account (a leaked token, a lost
    /// laptop) without touching its password.
    struct SignOut: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-out", abstract: "End every session and API key of an account (browsers, login tokens, keys)."
        )

        @Argument(help: "The username (e-mail address) of the account.")
        var username: String

        func run() throws {
            let useCase = RevokeSessionsUseCase(
                unitOfWork: try UsersCommand.unitOfWork(), clock: SystemClock(), configuration: AuthConfiguration()
            )
            let count = try UsersCommand.reporting { try useCase.executeAll(username: try Username(validating: username)) }
            print("\(count) session\(count == 1 ? "" : "s") or API key\(count == 1 ? "" : "s") of \(username) ended")
        }
    }

    /// `mlp users export <username> --output FILE`: the account's pictures as the same tar archive its owner can
    /// download (a data request by e-mail, a copy before `mlp users delete`). An existing file is not replaced.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every picture of an account into a tar archive (the same as the account's own download)."
        )

        @Argument(help: "The username (e-mail address) of the account.")
        var username: String

        @Option(name: .shortAndLong, help: "The archive to create (\"-\": standard output). An existing file is not replaced.")
        var output: String

        func run() throws {
            let unitOfWork = try UsersCommand.unitOfWork()
            let user = try UsersCommand.reporting {
                try unitOfWork.read { try $0.users.requireActive(username: try Username(validating: username)) }
            }
            let toFile = output != "-"
            let handle: FileHandle
            if toFile {
                // O_EXCL: never replace a file; 0600: the archive holds someone's pictures.
                let fd = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                guard fd >= 0 else {
                    throw ValidationError("Cannot create \(output): \(String(cString: strerror(errno))).")
                }
                handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            } else {
                handle = .standardOutput
            }
            var bytes = 0
            do {
                try AccountExport.write(user: user, at: Date(), images: ExportImagesUseCase(unitOfWork: unitOfWork)) { chunk in
                    try handle.write(contentsOf: chunk)
                    bytes += chunk.count
                }
                if toFile { try handle.synchronize() }
            } catch {
                // A cut-off archive must not be left to pass for a whole one.
                if toFile { try? FileManager.default.removeItem(atPath: output) }
                throw error
            }
            FileHandle.standardError.write(Data("wrote \(bytes) bytes for \(username) to \(output)\n".utf8))
        }
    }

    /// `mlp users recount-storage`: every active account's total of picture bytes (the storage quota's count)
    /// recounted from its images; prints the totals it corrected.
    struct RecountStorage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recount-storage", abstract: "Recount the picture bytes each account holds (for the storage quota)."
        )

        func run() throws {
            let result = try UsersCommand.reporting { try RecountStorageUseCase(unitOfWork: try UsersCommand.unitOfWork()).execute() }
            for fix in result.corrected { print("\(fix.username)\t\(fix.before) -> \(fix.after) bytes") }
            print("\(result.checked) account(s) checked, \(result.corrected.count) corrected")
        }
    }

    /// `mlp users delete <username>`: soft delete and revoke every session, as the API does.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account and end all its sessions.")

        @Argument(help: "The username (e-mail address) of the account.")
        var username: String

        func run() throws {
            let useCase = DeleteAccountUseCase(unitOfWork: try UsersCommand.unitOfWork(), clock: SystemClock())
            try UsersCommand.reporting { try useCase.execute(username: try Username(validating: username)) }
            print("deleted \(username)")
        }
    }

    static func unitOfWork() throws -> MariaDBUnitOfWork {
        MariaDBUnitOfWork(pool: ConnectionPool(configuration: .fromEnvironment(), maxConnections: 1))
    }

    /// Runs `body`; a domain error becomes its message (and field errors) on standard error and exit code 1.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            var lines = ["mlp: \(error.message)"]
            lines += error.fieldErrors.map { "  \($0.field): \($0.message)" }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// The password from the terminal (no echo) or from the first line of standard input.
    static func readPassword() throws -> String {
        if isatty(STDIN_FILENO) == 1, let entered = getpass("Password: ") {
            return String(cString: entered)
        }
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("Give the password on standard input.")
        }
        return line
    }
}
