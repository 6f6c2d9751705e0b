import ArgumentParser
import Foundation
import Inference

/// `mlp bench inference`: forward-pass latency of the default model per thread count, optionally
/// next to onnxruntime on the same model and input.
struct BenchInferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "Measure model latency (batch 1) per thread count.",
        discussion: """
            Each round measures MLP and then (with --compare-onnxruntime) onnxruntime for every thread count,
            so both see the same machine load; the summary takes the median over rounds.
            """
    )

    @Option(help: "Models directory (one folder per model).")
    var models = "models"

    @Option(help: "Model name (default: MLP_DEFAULT_MODEL, else efficientnet-lite0).")
    var model: String?

    @Option(help: "Timed runs per thread count and round (after 10 warm-up runs).")
    var runs = 50

    @Option(help: "Rounds; each measures every thread count once.")
    var rounds = 3

    @Option(help: "Comma-separated thread counts.")
    var threads = "1,2"

    @Flag(name: .customLong("compare-onnxruntime"), help: "Also run bench/inference-reference.py with .venv/bin/python.")
    var compareOnnxruntime = false

    @Flag(help: "Print the time of every plan step per thread count.")
    var profile = false

    @Option(help: "Also time decode + preprocess of this image file.")
    var image: String?

    func validate() throws {
        guard runs >= 1, rounds >= 1 else { throw ValidationError("--runs and --rounds must be at least 1") }
        guard !threadCounts.isEmpty else { throw ValidationError("--threads needs positive integers") }
        if compareOnnxruntime, runs < 50 { throw ValidationError("--compare-onnxruntime needs --runs >= 50") }
    }

    var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 } }

    func run() throws {
        var networks: [Int: ImageModel] = [:]
        for count in threadCounts {
            networks[count] = try ModelRegistry(
                directory: models, defaultName: CommandModels.defaultName(model, in: models), options: NetworkOptions(threads: count)
            ).defaultModel
        }
        guard let first = networks[threadCounts[0]] else { return }
        let modelFile = (first.directory as NSString).appendingPathComponent(first.manifest.file)
        let spec = first.network.inputs[0]
        let input = (0..<spec.shape.reduce(1, *)).map { Float(sin(Double($0) * 0.001) * 2.0) }
        let feeds = [spec.name: Tensor(shape: spec.shape, values: input)]

        var ours: [Int: [Double]] = [:], theirs: [Int: [Double]] = [:]
        for round in 1...rounds {
            for count in threadCounts {
                guard let network = networks[count]?.network else { continue }
                for _ in 0..<10 { _ = try network.run(feeds) }
                var times: [Double] = []
                for _ in 0..<runs {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try network.run(feeds)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                let stats = LatencyStatistics(milliseconds: times)
                ours[count, default: []].append(stats.median)
                print("round \(round) mlp         \(first.name) threads=\(count) runs=\(runs) \(stats)")
                if compareOnnxruntime {
                    let reference = try onnxruntime(modelFile: modelFile, threads: count)
                    theirs[count, default: []].append(reference.median)
                    print("round \(round) onnxruntime \(first.name) threads=\(count) runs=\(runs) \(reference)")
                }
            }
        }
        print("summary (median over \(rounds) rounds of per-round medians):")
        for count in threadCounts {
            let mine = Self.median(ours[count] ?? [])
            var line = String(format: "  threads=%d mlp median=%.3f ms images/s=%.1f", count, mine, 1000 / mine)
            if let reference = theirs[count] {
                let other = Self.median(reference)
                line += String(format: "  onnxruntime median=%.3f ms images/s=%.1f  ratio mlp/onnxruntime=%.3f", other, 1000 / other, mine / other)
            }
            print(line)
        }
        if profile {
            for count in threadCounts {
                guard let network = networks[count]?.network else { continue }
                print("profile threads=\(count):")
                try printProfile(network, feeds: feeds)
            }
        }
        if let image { try timePreprocessing(image, manifest: first.manifest) }
    }

    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : LatencyStatistics(milliseconds: values).median
    }

    private func printProfile(_ network: Network, feeds: [String: Tensor]) throws {
        // Median time of every plan step over 21 profiled runs, in plan order.
        let runs = try (0..<21).map { _ in try network.profile(feeds) }
        let medians = runs[0].indices.map { index in runs.map { $0[index].seconds }.sorted()[runs.count / 2] }
        print(String(format: "  %.3f ms in %d steps:", medians.reduce(0, +) * 1000, medians.count))
        for (step, seconds) in zip(runs[0], medians) {
            print(String(format: "  %8.3f ms  %@", seconds * 1000, step.label))
        }
    }

    private func timePreprocessing(_ path: String, manifest: ModelManifest) throws {
        let input = manifest.input
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        let bytes = [UInt8](data)
        let preprocessing = Preprocessing(
            shorterSide: input.resize.shorterSide, cropWidth: input.width, cropHeight: input.height,
            mean: input.mean, std: input.std
        )
        var times: [Double] = []
        var decodedSize = ""
        for _ in 0..<max(5, min(runs, 20)) {
            let start = DispatchTime.now().uptimeNanoseconds
            let decoded = try ImageDecoding.decode(bytes, minimumShorterSide: input.resize.shorterSide)
            _ = preprocessing.tensor(from: decoded)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            decodedSize = "\(decoded.width)x\(decoded.height)"
        }
        let info = try ImageDecoding.probe(bytes)
        print("decode+preprocess \(path) \(info.width)x\(info.height) (decoded at \(decodedSize)) \(LatencyStatistics(milliseconds: times))")
    }

    /// Runs bench/inference-reference.py for one thread count and reads its JSON line.
    private func onnxruntime(modelFile: String, threads: Int) throws -> LatencyStatistics {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ".venv/bin/python")
        process.arguments = [
            "bench/inference-reference.py", "--model", modelFile, "--runs", String(runs), "--threads", String(threads),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("bench/inference-reference.py failed with status \(process.terminationStatus)")
        }
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
               object["threads"] as? Int == threads, let median = object["median_ms"] as? Double {
                return LatencyStatistics(median: median, p90: object["p90_ms"] as? Double ?? .nan)
            }
        }
        throw ValidationError("bench/inference-reference.py printed no result for \(threads) threads")
    }
}

/// Median, 90th percentile and throughput of a set of latencies.
struct LatencyStatistics: CustomStringConvertible {
    let median: Double
    let p90: Double

    init(median: Double, p90: Double) {
        self.median = median
        self.p90 = p90
    }

    init(milliseconds: [Double]) {
        let sorted = milliseconds.sorted()
        median = sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        p90 = sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * 0.9).rounded()))]
    }

    var description: String {
        String(format: "median=%.3f ms p90=%.3f ms images/s=%.1f", median, p90, 1000 / median)
    }
}
