import ArgumentParser
import Foundation
import Inference

/// `mlp bench inference`: forward-pass latency of the default model per thread count, optionally
/// next to onnxruntime on the same model and input.
struct BenchInferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference", abstract: "Measure model latency (batch 1) per thread count."
    )

    @Option(help: "Models directory (one folder per model).")
    var models = "models"

    @Option(help: "Model name (default: the registry's default model).")
    var model: String?

    @Option(help: "Timed runs per thread count (after 10 warm-up runs).")
    var runs = 50

    @Option(help: "Comma-separated thread counts.")
    var threads = "1,2"

    @Flag(name: .customLong("compare-onnxruntime"), help: "Also run bench/inference-reference.py with .venv/bin/python.")
    var compareOnnxruntime = false

    @Flag(help: "Print the slowest plan steps of one run per thread count.")
    var profile = false

    @Option(help: "Also time decode + preprocess of this image file.")
    var image: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard !threadCounts.isEmpty else { throw ValidationError("--threads needs positive integers") }
    }

    var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 } }

    func run() throws {
        var medians: [Int: Double] = [:]
        var modelFile = ""
        for count in threadCounts {
            let registry = try ModelRegistry(directory: models, defaultName: model, options: NetworkOptions(threads: count))
            let loaded = registry.defaultModel
            modelFile = (loaded.directory as NSString).appendingPathComponent(loaded.manifest.file)
            let spec = loaded.network.inputs[0]
            let input = (0..<spec.shape.reduce(1, *)).map { Float(sin(Double($0) * 0.001) * 2.0) }
            let feeds = [spec.name: Tensor(shape: spec.shape, values: input)]
            for _ in 0..<10 { _ = try loaded.network.run(feeds) }
            var times: [Double] = []
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try loaded.network.run(feeds)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let stats = LatencyStatistics(milliseconds: times)
            medians[count] = stats.median
            print("mlp \(loaded.name) threads=\(count) runs=\(runs) \(stats)")
            if profile { try printProfile(loaded.network, feeds: feeds) }
        }
        if let image { try timePreprocessing(image) }
        if compareOnnxruntime { try compare(modelFile: modelFile, medians: medians) }
    }

    private func printProfile(_ network: Network, feeds: [String: Tensor]) throws {
        var totals: [String: (Double, Int)] = [:]
        for _ in 0..<20 {
            for step in try network.profile(feeds) {
                let key = step.label
                totals[key] = ((totals[key]?.0 ?? 0) + step.seconds / 20, (totals[key]?.1 ?? 0) + 1)
            }
        }
        let all = totals.values.reduce(0) { $0 + $1.0 }
        print(String(format: "  profile: %.3f ms in %d steps; slowest:", all * 1000, totals.count))
        for (label, value) in totals.sorted(by: { $0.value.0 > $1.value.0 }).prefix(15) {
            print(String(format: "  %8.3f ms  %@", value.0 * 1000, label))
        }
    }

    private func timePreprocessing(_ path: String) throws {
        let registry = try ModelRegistry(directory: models, defaultName: model)
        let input = registry.defaultModel.manifest.input
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        let bytes = [UInt8](data)
        let preprocessing = Preprocessing(
            shorterSide: input.resize.shorterSide, cropWidth: input.width, cropHeight: input.height,
            mean: input.mean, std: input.std
        )
        var times: [Double] = []
        var size = ""
        for _ in 0..<max(5, min(runs, 20)) {
            let start = DispatchTime.now().uptimeNanoseconds
            let decoded = try ImageDecoding.decode(bytes, minimumShorterSide: input.resize.shorterSide)
            _ = preprocessing.tensor(from: decoded)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            size = "\(decoded.width)x\(decoded.height) decoded"
        }
        let info = try ImageDecoding.probe(bytes)
        print("decode+preprocess \(path) (\(info.width)x\(info.height), \(size)) \(LatencyStatistics(milliseconds: times))")
    }

    private func compare(modelFile: String, medians: [Int: Double]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ".venv/bin/python")
        process.arguments = [
            "bench/inference-reference.py", "--model", modelFile, "--runs", String(max(runs, 50)),
            "--threads", threadCounts.map(String.init).joined(separator: ","),
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
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let count = object["threads"] as? Int, let median = object["median_ms"] as? Double else { continue }
            let p90 = object["p90_ms"] as? Double ?? 0
            let ours = medians[count].map { String(format: "%.3f", $0 / median) } ?? "-"
            print(String(
                format: "onnxruntime threads=%d median=%.3f ms p90=%.3f ms images/s=%.1f  ratio mlp/onnxruntime=%@",
                count, median, p90, 1000 / median, ours
            ))
        }
    }
}

/// Median, 90th percentile and throughput of a set of latencies.
struct LatencyStatistics: CustomStringConvertible {
    let median: Double
    let p90: Double

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
