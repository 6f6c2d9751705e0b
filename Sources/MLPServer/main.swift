import FastCGI
import Foundation
import CoreMetrics
import Logging
import MLPAPI
import MLPData
import Inference
import MLPDomain
import MLPInference
import MariaDB

// Composition root: read configuration, build the responder, serve until SIGTERM/SIGINT.

// Large buffers (password hashes take 19 MiB each, pictures and request bodies up to 28 MiB) go straight to
// mmap and back to the system when freed. glibc otherwise raises its mmap threshold after the first such free
// and keeps later ones in per-thread arenas, so the server's RSS grew by the hashing memory of every worker.
ProcessMemory.returnAllocationsToSystem(atLeast: 1 << 20)
// The log handler stamps every line with localtime(3). With TZ unset, glibc re-reads /etc/localtime's status
// under its time-zone lock on every call (one stat per request, contended by all workers); naming the same
// zone explicitly keeps local time and lets glibc skip the check.
if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }
let configuration: ServerConfiguration
let environment: [String: String]
let liveSettings: LiveSettings
do {
    environment = try EnvironmentFile.merged()
    configuration = try ServerConfiguration.fromEnvironment(environment)
    liveSettings = try LiveSettings.fromEnvironment(environment)
} catch {
    FileHandle.standardError.write(Data("mlp-server: \(error)\n".utf8))
    exit(2)
}
let liveLogLevel = LiveLogLevel(liveSettings.logLevel)
LoggingSystem.bootstrap(liveLogLevel.makeHandler)
let logger = Logger(label: "mlp")

// Operations: Prometheus metrics, status page, slow-request log, SIGHUP reload (see docs/operations.md).
let observability = Observability(
    workerCount: configuration.fastCGI.workers, slowRequestMilliseconds: liveSettings.slowRequestMilliseconds,
    logger: logger
)
MetricsSystem.bootstrap(observability.factory)
let reloadController = ReloadController(logger: logger)
observability.reportReloads { reloadController.reloadCount }
reloadController.onReload("settings") {
    let settings = try LiveSettings.fromEnvironment(try EnvironmentFile.merged())
    liveLogLevel.current = settings.logLevel
    observability.slowRequestMilliseconds = settings.slowRequestMilliseconds
    logger.notice("settings reloaded: \(settings)")
}

// Block the stop signals in every thread; the main thread waits for them with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGTERM)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGHUP)
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
let unitOfWork = MeteredUnitOfWork(base: MariaDBUnitOfWork(pool: pool), metrics: observability.metrics)
let users: UserServices
let web: WebPages
do {
    users = UserServices(
        unitOfWork: unitOfWork, hasher: try Argon2PasswordHasher.fromEnvironment(),
        tokens: OpenSSLTokenGenerator(), configuration: try AuthConfiguration.fromEnvironment()
    )
    let tokens = OpenSSLTokenGenerator()
    web = try WebPages(
        configuration: try WebConfiguration.fromEnvironment(randomToken: tokens.generate),
        mac: HMACSHA256.authenticate, tokens: tokens
    )
} catch {
    logger.critical("invalid configuration: \(error)")
    exit(2)
}
// Models: loaded (and checked against their manifests' SHA-256) before the first request; one thread per
// inference, concurrency from the worker threads, bounded by the gate. SIGHUP loads them again beside the
// running ones and switches when the new set is ready.
func loadClassifier() throws -> RegistryImageClassifier {
    let directory = configuration.modelsDirectory
    let defaultName = ModelRegistry.defaultName(configured: configuration.defaultModel, in: directory)
    let registry = try ModelRegistry(
        directory: directory, defaultName: defaultName, options: NetworkOptions(threads: 1),
        verifySHA256: OpenSSLContentDigester.verifySHA256
    )
    let gate = InferenceGate(
        capacity: configuration.inferenceConcurrency,
        maxWait: Double(configuration.inferenceMaxWaitMilliseconds) / 1000
    )
    return RegistryImageClassifier(registry: registry, gate: gate, limits: ImageLimits(maxBytes: configuration.maxImageBytes))
}
func recordModels(_ models: [ModelDescriptor]) {
    do {
        let stored = try RegisterModelsUseCase(unitOfWork: unitOfWork).execute(models)
        logger.notice("models: \(stored.map { "\($0.name) \($0.version) (id \($0.id))" }.joined(separator: ", "))")
    } catch {
        // The database may be down at start; uploads register their model on first use.
        logger.warning("cannot record models in the database yet: \(error)")
    }
}
let classifier: ServedImageClassifier
do {
    classifier = ServedImageClassifier(try loadClassifier(), metrics: observability.metrics)
} catch {
    logger.critical("cannot load models from \(configuration.modelsDirectory): \(error)")
    exit(1)
}
recordModels(classifier.models)
reloadController.onReload("models") {
    let replacement = try loadClassifier()
    recordModels(replacement.models)
    classifier.replace(with: replacement)
}
observability.reportModels {
    classifier.models.map { ServerStatusReport.LoadedModel(name: $0.name, version: $0.version, isDefault: $0.isDefault) }
}
let images = ImageServices(
    unitOfWork: unitOfWork, classifier: classifier,
    processor: InferenceImageProcessor(limits: ImageLimits(maxBytes: configuration.maxImageBytes)),
    digester: OpenSSLContentDigester(), tokens: OpenSSLTokenGenerator(),
    pictureCache: configuration.pictureCacheBytes > 0 ? EncodedPictureCache(capacityBytes: configuration.pictureCacheBytes) : nil,
    uploadStored: { [metrics = observability.metrics] bytes in metrics.recordUpload(bytes: bytes) },
    quota: StorageQuota(maxBytesPerUser: configuration.userQuotaBytes > 0 ? configuration.userQuotaBytes : nil),
    maxConcurrentExports: configuration.maxExports, publicURL: configuration.publicURL,
    storedMetadata: configuration.storedMetadata
)
var application = APIApplication(
    maxBodyBytes: configuration.fastCGI.maxBodyBytes, logger: logger,
    readiness: {
        [
            databaseReadiness.check(),
            ReadinessCheck(name: "model", ready: true, detail: classifier.classifier.registry.defaultModel.name),
        ]
    },
    users: users, images: images, web: web
)
if web.configuration.secretKeyIsEphemeral {
    logger.warning("MLP_SECRET_KEY is not set: forms rendered before a restart will be refused (see docs/pages.md)")
}
application.operations = observability.endpoints(access: OperationsAccess(environment: environment))
let responder = application.makeResponder()
let serverMetrics = observability.metrics
let server = FastCGIServer(configuration: configuration.fastCGI) { incoming in
    serverMetrics.trackingInFlight { responder.respond(to: incoming) }
}
observability.attach(server: server)
do {
    try server.start()
} catch {
    logger.critical("cannot start: \(error)")
    exit(1)
}
logger.notice("mlp-server \(AppInfo.version) listening on \(configuration.fastCGI.address) with \(configuration.fastCGI.workers) workers")

var received: Int32 = 0
while sigwait(&stopSignals, &received) == 0, received == SIGHUP {
    logger.notice("SIGHUP: reloading")
    reloadController.reload()
}
logger.notice("signal \(received): finishing in-flight requests")
server.stop()
server.wait()
logger.notice("stopped after \(server.requestsServed) requests")
exit(0)
