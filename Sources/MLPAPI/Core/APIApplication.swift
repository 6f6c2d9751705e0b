import HTTP
import Logging

/// Builds the HTTP responder for the whole API from its parts (the composition root hands them in).
public struct APIApplication: Sendable {
    public var maxBodyBytes: Int
    public var logger: Logger
    /// Reports whether the database and the model can serve (`/readyz`).
    public var readiness: ReadinessProbe

    public init(maxBodyBytes: Int, logger: Logger, readiness: @escaping ReadinessProbe = { [] }) {
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        self.readiness = readiness
    }

    /// Every route of the application.
    public func makeRouter() -> Router {
        var router = Router()
        SystemRoutes.register(on: &router, readiness: readiness)
        return router
    }

    /// The responder the FastCGI server calls.
    public func makeResponder() -> HTTPResponder {
        HTTPResponder(
            router: makeRouter(), middleware: [], errorMapper: APIErrorMapper.map,
            logger: logger, maxBodyBytes: maxBodyBytes
        )
    }
}
