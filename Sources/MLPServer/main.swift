import FastCGI
import Foundation
import Logging
import MLPAPI
import MLPData
import Inference
import MLPDomain
import MLPInference
import MariaDB

// Composition root: read configuration, build the responder, serve until SIGTERM/SIGINT.
let configuration: ServerConfiguration
do {
    configuration = try ServerConfiguration.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("mlp-server: \(error)\n".utf8))
    exit(2)
}
let level = configuration.logLevel
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}
let logger = Logger(label: "mlp")

// Block the stop signals in every thread; the main thread waits for them with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGTERM)
sigaddset(&stopSignals, SIGINT)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

// One database connection per worker at most: a request never waits for another's connection.
let pool = ConnectionPool(configuration: configuration.database, maxConnections: configuration.fastCGI.workers)
if configuration.migrateOnStart {
    do {
        let applied = try pool.withConnection { try MLPMigrations.migrator.migrate(on: $0) }
        logger.notice("migrations applied: \(applied.map(\.version))")
    } catch {
        logger.critical("cannot apply migrations: \(error)")
        exit(1)
    }
}
let databaseReadiness = DatabaseReadiness(pool: pool)
let unitOfWork = MariaDBUnitOfWork(pool: pool)
let users: UserServices
do {
    users = UserServices(
        unitOfWork: unitOfWork, hasher: try Argon2PasswordHasher.fromEnvironment(),
        tokens: OpenSSLTokenGenerator(), configuration: try AuthConfiguration.fromEnvironment()
    )
} catch {
    logger.critical("invalid configuration: \(error)")
    exit(2)
}
// Models: loaded (and checked against their manifests' SHA-256) before the first request; one thread per
// inference, concurrency from the worker threads, bounded by the gate.
let classifier: RegistryImageClassifier
do {
    let directory = configuration.modelsDirectory
    let available = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let defaultName = configuration.defaultModel ?? (available.contains("efficientnet-lite0") ? "efficientnet-lite0" : nil)
    let registry = try ModelRegistry(
        directory: directory, defaultName: defaultName, options: NetworkOptions(threads: 1),
        verifySHA256: OpenSSLContentDigester.verifySHA256
    )
    let gate = InferenceGate(
        capacity: configuration.inferenceConcurrency,
        maxWait: Double(configuration.inferenceMaxWaitMilliseconds) / 1000
    )
    classifier = RegistryImageClassifier(
        registry: registry, gate: gate, limits: ImageLimits(maxBytes: configuration.maxImageBytes)
    )
} catch {
    logger.critical("cannot load models from \(configuration.modelsDirectory): \(error)")
    exit(1)
}
do {
    let stored = try RegisterModelsUseCase(unitOfWork: unitOfWork).execute(classifier.models)
    logger.notice("models: \(stored.map { "\($0.name) \($0.version) (id \($0.id))" }.joined(separator: ", "))")
} catch {
    // The database may be down at start; uploads register their model on first use.
    logger.warning("cannot record models in the database yet: \(error)")
}
let images = ImageServices(
    unitOfWork: unitOfWork, classifier: classifier,
    processor: InferenceImageProcessor(limits: ImageLimits(maxBytes: configuration.maxImageBytes)),
    digester: OpenSSLContentDigester()
)
let defaultModelName = classifier.registry.defaultModel.name
let application = APIApplication(
    maxBodyBytes: configuration.fastCGI.maxBodyBytes, logger: logger,
    readiness: {
        [databaseReadiness.check(), ReadinessCheck(name: "model", ready: true, detail: defaultModelName)]
    },
    users: users, images: images
)
let responder = application.makeResponder()
let server = FastCGIServer(configuration: configuration.fastCGI) { responder.respond(to: $0) }
do {
    try server.start()
} catch {
    logger.critical("cannot start: \(error)")
    exit(1)
}
logger.notice("mlp-server \(AppInfo.version) listening on \(configuration.fastCGI.address) with \(configuration.fastCGI.workers) workers")

var received: Int32 = 0
sigwait(&stopSignals, &received)
logger.notice("signal \(received): finishing in-flight requests")
server.stop()
server.wait()
logger.notice("stopped after \(server.requestsServed) requests")
exit(0)
