import Foundation

/// Settings of the browser pages: where the templates are and the key CSRF tokens and flash cookies are
/// signed with.
public struct WebConfiguration: Sendable {
    /// Shortest `MLP_SECRET_KEY` accepted, in bytes.
    public static let minimumSecretKeyBytes = 32

    /// Folder of the `.mustache` templates (`MLP_TEMPLATES_DIR`, default `Resources/templates`).
    public var templatesDirectory: String
    /// HMAC key for CSRF tokens and flash messages.
    public var secretKey: [UInt8]
    /// True when the key was generated at start because `MLP_SECRET_KEY` was not set: forms rendered before a
    /// restart are then refused, and several app instances behind one nginx disagree.
    public var secretKeyIsEphemeral: Bool

    public init(templatesDirectory: String, secretKey: [UInt8], secretKeyIsEphemeral: Bool = false) {
        self.templatesDirectory = templatesDirectory
        self.secretKey = secretKey
        self.secretKeyIsEphemeral = secretKeyIsEphemeral
    }

    /// Reads `MLP_TEMPLATES_DIR` and `MLP_SECRET_KEY` (at least 32 bytes); without a key, one is made from
    /// `randomToken` (a CSPRNG token generator).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        randomToken: () throws -> String
    ) throws -> WebConfiguration {
        let directory = environment["MLP_TEMPLATES_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "Resources/templates"
        if let key = environment["MLP_SECRET_KEY"], !key.isEmpty {
            guard key.utf8.count >= minimumSecretKeyBytes else {
                throw WebConfigurationError("MLP_SECRET_KEY must be at least \(minimumSecretKeyBytes) bytes long")
            }
            return WebConfiguration(templatesDirectory: directory, secretKey: Array(key.utf8))
        }
        let generated = try randomToken() + randomToken()
        return WebConfiguration(templatesDirectory: directory, secretKey: Array(generated.utf8), secretKeyIsEphemeral: true)
    }
}

/// A web-page setting or template that cannot be used.
public struct WebConfigurationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
