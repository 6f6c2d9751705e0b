import Foundation
import Inference
import MLPData
import MLPInference

/// How the `mlp` commands pick and run models: the server's rules, so that a command and the server agree.
enum CommandModels {
    /// `named` when given, else the server's default (`MLP_DEFAULT_MODEL`, else efficientnet-lite0, else the first
    /// folder by name) for `directory`.
    static func defaultName(_ named: String?, in directory: String) -> String? {
        named ?? ModelRegistry.defaultName(configured: ProcessInfo.processInfo.environment["MLP_DEFAULT_MODEL"], in: directory)
    }

    /// A classifier over the models of `directory` (checksums verified) with `model` as its default, running one
    /// picture at a time on one thread: the server's classifier with a gate of one.
    static func classifier(directory: String, model: String?) throws -> RegistryImageClassifier {
        let registry = try ModelRegistry(
            directory: directory, defaultName: defaultName(model, in: directory), options: NetworkOptions(threads: 1),
            verifySHA256: OpenSSLContentDigester.verifySHA256
        )
        return RegistryImageClassifier(registry: registry, gate: InferenceGate(capacity: 1, maxWait: 60))
    }
}
