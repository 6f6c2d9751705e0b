import HTTP
import Logging

/// Builds the HTTP responder for the whole API from its parts (the composition root hands them in).
public struct APIApplication: Sendable {
    public var maxBodyBytes: Int
    public var logger: Logger

    public init(maxBodyBytes: Int, logger: Logger) {
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// Every route of the application.
    public func makeRouter() -> Router {
        var router = Router()
        SystemRoutes.register(on: &router)
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
