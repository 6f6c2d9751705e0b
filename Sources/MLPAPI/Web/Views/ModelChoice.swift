import MLPDomain

/// The model select of the upload form and of a picture's "Classify again" form: offered when the server has
/// more than one model, the default (or the one chosen before) selected.
struct ModelChoice {
    struct Option {
        let name: String
        /// "efficientnet-lite0 1 · 1000 classes (default)".
        let text: String
        let selected: Bool
    }

    let options: [Option]

    /// The choice among `models`, or nil when there is nothing to choose.
    static func offered(_ models: [ModelDescriptor], selected: String? = nil) -> ModelChoice? {
        guard models.count > 1 else { return nil }
        let chosen = models.contains { $0.name == selected } ? selected : models.first(where: \.isDefault)?.name
        return ModelChoice(options: models.map { model in
            Option(
                name: model.name,
                text: "\(model.name) \(model.version) · \(model.classCount) classes\(model.isDefault ? " (default)" : "")",
                selected: model.name == chosen
            )
        })
    }
}

/// A picture's "Classify again" card: shown when another model is loaded, or when the model that made the
/// current labels has a new version or is no longer loaded (or the picture has none); nil otherwise, as running
/// the same model again would give the same labels.
struct ClassifyAgain {
    let reason: String
    let models: ModelChoice?
    var error: String?

    static func offered(_ models: [ModelDescriptor], current: (name: String, version: String)?, selected: String? = nil) -> ClassifyAgain? {
        let choice = ModelChoice.offered(models, selected: selected)
        guard let current else {
            return ClassifyAgain(reason: "Run a model on this picture.", models: choice)
        }
        guard let loaded = models.first(where: { $0.name == current.name }) else {
            return ClassifyAgain(reason: "These labels come from \(current.name), which this server no longer runs.", models: choice)
        }
        if loaded.version != current.version {
            return ClassifyAgain(
                reason: "\(current.name) is now at version \(loaded.version); these labels come from version \(current.version).",
                models: choice
            )
        }
        guard choice != nil else { return nil }
        return ClassifyAgain(reason: "See what another model makes of this picture; the current labels are kept as history.", models: choice)
    }
}
