import Foundation

extension MariaDBConfiguration {
    /// The socket path used when neither `MLP_DB_SOCKET` nor `MLP_DB_HOST` is set, relative to the current directory.
    public static let defaultSocketPath = "run/mariadb/mariadb.sock"

    /// Reads `MLP_DB_SOCKET`, `MLP_DB_HOST`, `MLP_DB_PORT`, `MLP_DB_USER`, `MLP_DB_PASSWORD` and `MLP_DB_NAME`.
    ///
    /// `MLP_DB_HOST` selects TCP (port `MLP_DB_PORT`, default 3306); otherwise the unix socket
    /// `MLP_DB_SOCKET` is used, defaulting to `run/mariadb/mariadb.sock` under the current directory.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> MariaDBConfiguration {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let endpoint: Endpoint
        if let host = value("MLP_DB_HOST") {
            endpoint = .tcp(host: host, port: value("MLP_DB_PORT").flatMap { Int($0) } ?? 3306)
        } else {
            let socket = value("MLP_DB_SOCKET") ?? defaultSocketPath
            let absolute = socket.hasPrefix("/") ? socket : currentDirectory + "/" + socket
            endpoint = .unixSocket(path: absolute)
        }
        return MariaDBConfiguration(
            endpoint: endpoint,
            user: value("MLP_DB_USER") ?? "mlp",
            password: environment["MLP_DB_PASSWORD"] ?? "mlp",
            database: value("MLP_DB_NAME") ?? "mlp"
        )
    }
}
