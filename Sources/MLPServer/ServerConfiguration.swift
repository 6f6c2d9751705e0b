import FastCGI
import Foundation
import Logging
import MLPAPI
import MLPDomain
import MariaDB

/// The server's settings, read from `MLP_*` environment variables.
struct ServerConfiguration {
    var fastCGI: FastCGIConfiguration
    var logLevel: Logger.Level
    var database: MariaDBConfiguration
    /// Apply pending migrations at start (`MLP_MIGRATE_ON_START=1`); otherwise `mlp migrate` does it.
    var migrateOnStart: Bool
    /// Folder with one subfolder per model (`MLP_MODELS_DIR`, default `models`).
    var modelsDirectory = "models"
    /// Model used when a request names none (`MLP_DEFAULT_MODEL`; default efficientnet-lite0 when present,
    /// else the first by name).
    var defaultModel: String?
    /// Inferences allowed at once (`MLP_INFERENCE_CONCURRENCY`, default the number of cores).
    var inferenceConcurrency = ProcessInfo.processInfo.activeProcessorCount
    /// Longest wait for an inference slot before 503 (`MLP_INFERENCE_MAX_WAIT_MS`, default 2000).
    var inferenceMaxWaitMilliseconds = 2000
    /// Largest accepted image file (`MLP_MAX_IMAGE_BYTES`, default 20 MiB).
    var maxImageBytes = 20 << 20
    /// Bytes of base64 picture text kept for `GET /api/v1/images/:id` (`MLP_PICTURE_CACHE_BYTES`, default
    /// 64 MiB; 0 turns the cache off).
    var pictureCacheBytes = 64 << 20
    /// Bytes of pictures one account may keep (`MLP_USER_QUOTA_BYTES`, default 1 GiB; 0: no limit).
    var userQuotaBytes = 1 << 30
    /// Account exports streaming at once (`MLP_MAX_EXPORTS`, default 2); each keeps a worker busy meanwhile.
    var maxExports = 2
    /// What share links start with (`MLP_PUBLIC_URL`, e.g. `https://photos.example.org`); nil: each request's
    /// scheme and host.
    var publicURL: String?
    /// Uploads stored as they came or without their file's metadata (`MLP_STORED_METADATA`, `keep` or `remove`).
    var storedMetadata = StoredMetadata.keep

    /// Reads `MLP_SOCKET`, `MLP_LISTEN` (host:port for TCP instead of a unix socket), `MLP_WORKERS`,
    /// `MLP_MAX_BODY_BYTES`, `MLP_SOCKET_MODE` (octal) and `MLP_LOG_LEVEL`.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var fastCGI = FastCGIConfiguration()
        if let listen = environment["MLP_LISTEN"], !listen.isEmpty {
            let parts = listen.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw ConfigurationError("MLP_LISTEN must be host:port, got \(listen)")
            }
            fastCGI.address = .tcp(host: String(parts[0]), port: port)
        } else if let socket = environment["MLP_SOCKET"], !socket.isEmpty {
            fastCGI.address = .unix(path: socket)
        }
        if let workers = environment["MLP_WORKERS"] {
            guard let value = Int(workers), (1...1024).contains(value) else {
                throw ConfigurationError("MLP_WORKERS must be 1...1024, got \(workers)")
            }
            fastCGI.workers = value
        }
        if let bytes = environment["MLP_MAX_BODY_BYTES"] {
            guard let value = Int(bytes), value > 0 else {
                throw ConfigurationError("MLP_MAX_BODY_BYTES must be a positive integer, got \(bytes)")
            }
            fastCGI.maxBodyBytes = value
        }
        if let mode = environment["MLP_SOCKET_MODE"] {
            guard let value = UInt32(mode, radix: 8), value <= 0o777 else {
                throw ConfigurationError("MLP_SOCKET_MODE must be octal permission bits, got \(mode)")
            }
            fastCGI.socketMode = value
        }
        var logLevel = Logger.Level.info
        if let level = environment["MLP_LOG_LEVEL"] {
            guard let value = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError("MLP_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = value
        }
        let migrate = ["1", "true", "yes"].contains(environment["MLP_MIGRATE_ON_START"]?.lowercased() ?? "")
        var configuration = ServerConfiguration(
            fastCGI: fastCGI, logLevel: logLevel, database: MariaDBConfiguration.fromEnvironment(environment),
            migrateOnStart: migrate
        )
        try configuration.readImageSettings(environment)
        return configuration
    }

    /// Reads `MLP_MODELS_DIR`, `MLP_DEFAULT_MODEL`, `MLP_INFERENCE_CONCURRENCY`, `MLP_INFERENCE_MAX_WAIT_MS`
    /// `MLP_MAX_IMAGE_BYTES`, `MLP_PICTURE_CACHE_BYTES`, `MLP_USER_QUOTA_BYTES`, `MLP_MAX_EXPORTS`, `MLP_PUBLIC_URL` and
    /// `MLP_STORED_METADATA`.
    mutating func readImageSettings(_ environment: [String: String]) throws {
        if let directory = environment["MLP_MODELS_DIR"], !directory.isEmpty { modelsDirectory = directory }
        if let name = environment["MLP_DEFAULT_MODEL"], !name.isEmpty { defaultModel = name }
        func positive(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw ConfigurationError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \(text)")
            }
            return value
        }
        if let value = try positive("MLP_INFERENCE_CONCURRENCY", 1...1024) { inferenceConcurrency = value }
        if let value = try positive("MLP_INFERENCE_MAX_WAIT_MS", 0...600_000) { inferenceMaxWaitMilliseconds = value }
        if let value = try positive("MLP_MAX_IMAGE_BYTES", 1...(1 << 30)) { maxImageBytes = value }
        if let value = try positive("MLP_PICTURE_CACHE_BYTES", 0...(1 << 40)) { pictureCacheBytes = value }
        if let value = try positive("MLP_USER_QUOTA_BYTES", 0...(1 << 50)) { userQuotaBytes = value }
        if let value = try positive("MLP_MAX_EXPORTS", 1...64) { maxExports = value }
        storedMetadata = try Self.storedMetadata(environment)
        if let text = environment["MLP_PUBLIC_URL"], !text.isEmpty {
            do {
                publicURL = try ShareLink.checkedPublicURL(text)
            } catch {
                throw ConfigurationError(String(describing: error))
            }
        }
    }
}

extension ServerConfiguration {
    /// `MLP_STORED_METADATA`: `keep` (or unset) or `remove`.
    static func storedMetadata(_ environment: [String: String]) throws -> StoredMetadata {
        guard let value = StoredMetadata(setting: environment["MLP_STORED_METADATA"]) else {
            throw ConfigurationError("MLP_STORED_METADATA must be keep or remove, got \(environment["MLP_STORED_METADATA"] ?? "")")
        }
        return value
    }
}

/// A configuration value that cannot be used.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
