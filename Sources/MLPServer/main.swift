import FastCGI
import Foundation
import Logging
import MLPAPI
import MLPData
import MLPDomain
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
let application = APIApplication(
    maxBodyBytes: configuration.fastCGI.maxBodyBytes, logger: logger,
    readiness: { [databaseReadiness.check()] }, users: users, web: web
)
if web.configuration.secretKeyIsEphemeral {
    logger.warning("MLP_SECRET_KEY is not set: forms rendered before a restart will be refused (see docs/pages.md)")
}
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
