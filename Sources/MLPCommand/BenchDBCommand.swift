import ArgumentParser
import Foundation
import MariaDB
import Synchronization

/// `mlp bench db`: prepared point-selects by primary key, one connection per thread.
struct BenchDBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Prepared point-select by primary key: ops/s from N threads.",
        discussion: "Creates and fills the table bench_points in --database (kept for reference runs).")

    @Option(help: "Worker threads, each with its own connection.") var threads = 1
    @Option(help: "Seconds to measure.") var seconds = 5.0
    @Option(help: "Rows in the table.") var rows = 10_000
    @Option(help: "Database to use (created if missing).") var database = "mlp_test_bench"

    func run() throws {
        var settings = MariaDBConfiguration.fromEnvironment()
        try prepareTable(settings)
        settings.database = database
        let configuration = settings
        let total = Mutex(0)
        let ready = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let failure = Mutex<String?>(nil)
        let rowCount = rows
        let duration = seconds
        for index in 0..<threads {
            ready.enter()
            done.enter()
            Thread {
                defer { done.leave() }
                do {
                    let connection = try Connection(configuration: configuration)
                    var generator = SplitMix(seed: UInt64(index + 1))
                    try Self.selectOnce(connection, id: 1)
                    ready.leave()
                    start.wait()
                    let deadline = Date(timeIntervalSinceNow: duration)
                    var count = 0
                    repeat {
                        for _ in 0..<64 {
                            try Self.selectOnce(connection, id: Int64(generator.next() % UInt64(rowCount)) + 1)
                        }
                        count += 64
                    } while Date() < deadline
                    total.withLock { $0 += count }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    ready.leave()
                }
            }.start()
        }
        ready.wait()
        let began = Date()
        for _ in 0..<threads { start.signal() }
        done.wait()
        let elapsed = Date().timeIntervalSince(began)
        if let message = failure.withLock({ $0 }) { throw ValidationError("benchmark failed: \(message)") }
        let operations = total.withLock { $0 }
        print(String(format: "swift threads=%d ops=%d seconds=%.2f ops/s=%.0f", threads, operations, elapsed,
                     Double(operations) / elapsed))
    }

    private static func selectOnce(_ connection: Connection, id: Int64) throws {
        let rows = try connection.query("SELECT id, name, value FROM bench_points WHERE id = \(id)")
        guard let row = rows.first, try row.decode(Int64.self, "id") == id else {
            throw ValidationError("row \(id) missing")
        }
        _ = try row.decode(String.self, "name")
        _ = try row.decode(Double.self, "value")
    }

    private func prepareTable(_ base: MariaDBConfiguration) throws {
        var configuration = base
        configuration.database = nil
        let connection = try Connection(configuration: configuration)
        try connection.executeScript(unsafeSQL: "CREATE DATABASE IF NOT EXISTS `\(database.filter { $0.isLetter || $0.isNumber || $0 == "_" })`")
        configuration.database = database
        let bench = try Connection(configuration: configuration)
        try bench.executeScript(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS bench_points (
                id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, value DOUBLE NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """)
        let count = try bench.query("SELECT COUNT(*) AS n FROM bench_points").first?.decode(Int.self, "n") ?? 0
        if count != rows {
            try bench.executeScript(unsafeSQL: "TRUNCATE TABLE bench_points")
            // The Sequence engine's seq_1_to_N table generates the ids server-side.
            try bench.executeScript(unsafeSQL: """
                INSERT INTO bench_points SELECT seq, CONCAT('point-', seq), seq * 0.5 FROM seq_1_to_\(rows)
                """)
        }
    }
}

/// A small, fast, seedable generator so threads do not contend on a shared one.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
