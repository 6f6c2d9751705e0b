import ArgumentParser
import Foundation
import Inference
import MLPData
import MLPDomain
import MariaDB

/// `mlp check`: is this installation ready to serve? Configuration values, database and migrations, models.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check configuration, database and models; exit 0 when all pass, 1 when any fails.",
        discussion: """
            Reads the same MLP_* variables as mlp-server. Checks: the server settings parse (MLP_LISTEN, \
            MLP_WORKERS, MLP_MAX_BODY_BYTES, MLP_SOCKET_MODE, MLP_LOG_LEVEL, MLP_SLOW_REQUEST_MS, MLP_ENV_FILE, \
            MLP_STORED_METADATA, \
            MLP_ARGON2_*, MLP_HASH_*); the database answers and every migration is applied; the models \
            directory (MLP_MODELS_DIR, default models) holds at least one model whose manifest, labels and \
            ONNX graph load and whose file matches the manifest's sha256.
            """
    )

    @Option(help: "Models directory (default: MLP_MODELS_DIR, else models).")
    var models: String?

    @Flag(name: .customLong("skip-database"), help: "Do not connect to the database.")
    var skipDatabase = false

    @Flag(name: .customLong("skip-models"), help: "Do not load the models.")
    var skipModels = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var failures = 0
        func report(_ name: String, _ check: () throws -> String) {
            do {
                print("ok    \(name): \(try check())")
            } catch {
                failures += 1
                print("FAIL  \(name): \(error)")
            }
        }
        report("configuration") { try Self.checkSettings(environment) }
        if !skipDatabase {
            report("database") {
                let connection = try Connection(configuration: .fromEnvironment(environment))
                let status = try DatabaseStatus.check(on: connection)
                guard status.isReady else {
                    throw CheckFailure("\(status.pending.count) migration(s) pending; run `mlp migrate`")
                }
                return "server \(status.serverVersion), \(status.appliedVersions.count) migration(s) applied, none pending"
            }
        }
        if !skipModels {
            let directory = models ?? environment["MLP_MODELS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "models"
            report("models") {
                let registry = try ModelRegistry(directory: directory) { bytes in
                    SHA256Digest.hash(bytes).map { String(format: "%02x", $0) }.joined()
                }
                let names = registry.models.map { "\($0.name) \($0.manifest.version) (\($0.labels.count) classes)" }
                return "\(directory): \(names.joined(separator: ", ")); default \(registry.defaultModel.name)"
            }
        }
        print(failures == 0 ? "all checks passed" : "\(failures) check(s) failed")
        if failures > 0 { throw ExitCode.failure }
    }

    /// Validates the settings mlp-server reads at start, with the same limits it applies.
    static func checkSettings(_ environment: [String: String]) throws -> String {
        var problems: [String] = []
        func integer(_ name: String, _ range: ClosedRange<Int>) {
            guard let text = environment[name], !text.isEmpty else { return }
            if Int(text).map(range.contains) != true { problems.append("\(name) must be in \(range), got \(text)") }
        }
        integer("MLP_WORKERS", 1...1024)
        integer("MLP_MAX_BODY_BYTES", 1...Int.max)
        integer("MLP_SLOW_REQUEST_MS", 0...Int.max)
        if let listen = environment["MLP_LISTEN"], !listen.isEmpty {
            let parts = listen.split(separator: ":")
            if parts.count != 2 || Int(parts[1]).map((1...65535).contains) != true {
                problems.append("MLP_LISTEN must be host:port, got \(listen)")
            }
        }
        if let mode = environment["MLP_SOCKET_MODE"], UInt32(mode, radix: 8).map({ $0 <= 0o777 }) != true {
            problems.append("MLP_SOCKET_MODE must be octal permission bits, got \(mode)")
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        if let level = environment["MLP_LOG_LEVEL"], !levels.contains(level.lowercased()) {
            problems.append("MLP_LOG_LEVEL must be one of \(levels.joined(separator: ", ")), got \(level)")
        }
        if StoredMetadata(setting: environment["MLP_STORED_METADATA"]) == nil {
            problems.append("MLP_STORED_METADATA must be keep or remove, got \(environment["MLP_STORED_METADATA"] ?? "")")
        }
        if let file = environment["MLP_ENV_FILE"], !file.isEmpty, !FileManager.default.isReadableFile(atPath: file) {
            problems.append("MLP_ENV_FILE \(file) cannot be read")
        }
        do {
            _ = try Argon2PasswordHasher.fromEnvironment(environment)
        } catch {
            problems.append("\(error)")
        }
        guard problems.isEmpty else { throw CheckFailure(problems.joined(separator: "; ")) }
        let listen = environment["MLP_LISTEN"].flatMap { $0.isEmpty ? nil : "tcp \($0)" }
            ?? "unix \(environment["MLP_SOCKET"] ?? "run/mlp.sock")"
        return "listen \(listen), \(environment["MLP_WORKERS"] ?? "16") workers"
    }
}

/// A failed check's explanation.
struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
