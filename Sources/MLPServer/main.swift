import FastCGI
import Foundation
import CoreMetrics
import Logging
import MLPAPI
import MLPData
import MLPDomain
import MariaDB

// Composition root: read configuration, build the responder, serve until SIGTERM/SIGINT.
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
var application = APIApplication(
    maxBodyBytes: configuration.fastCGI.maxBodyBytes, logger: logger,
    readiness: { [databaseReadiness.check()] }, users: users, web: web
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
