import HTTP
import MLPDomain

/// `GET /api/v1/models`: the models this server has loaded, the default marked.
public enum ModelsRoutes {
    /// A loaded model as the API shows it.
    struct ModelResponse: Encodable {
        let name: String
        let version: String
        let sha256: String
        let task: String
        let isDefault: Bool
        let classCount: Int
        let inputWidth: Int
        let inputHeight: Int

        init(_ model: ModelDescriptor) {
            name = model.name
            version = model.version
            sha256 = model.sha256
            task = model.task
            isDefault = model.isDefault
            classCount = model.classCount
            inputWidth = model.inputWidth
            inputHeight = model.inputHeight
        }

        enum CodingKeys: String, CodingKey {
            case name, version, sha256, task
            case isDefault = "is_default"
            case classCount = "class_count"
            case inputWidth = "input_width"
            case inputHeight = "input_height"
        }
    }

    struct ModelListResponse: Encodable {
        let models: [ModelResponse]
    }

    /// Registers the route; it needs no authentication (nothing in it is private).
    public static func register(on router: inout Router, classifier: any ImageClassifier) {
        router.get("/api/v1/models") { _ in
            // Read per request: a reload (SIGHUP) can replace the models.
            try Response.json(ModelListResponse(models: classifier.models.map(ModelResponse.init)))
        }
    }
}
