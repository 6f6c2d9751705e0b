import FuzzTestSupport
import Foundation
import Testing
@testable import Inference

@Suite("Fuzz: ONNX model loader")
struct ONNXLoaderFuzzTests {
    /// Longest a single case may take to load or be refused; a slower one counts as a hang.
    static let caseLimit: Duration = .seconds(isDebugBuild ? 10 : 2)

    @Test("MLP_FUZZ_CASES (100 000) mutated models load or fail with an InferenceError", .timeLimit(.minutes(30)))
    func mutatedModels() throws {
        let seeds = try FuzzSeedModels.all()
        let decoded = try seeds.map { try Onnx_ModelProto(serializedBytes: $0) }
        var failures = FuzzFailures()
        var outcomes: [String: Int] = [:]
        let clock = ContinuousClock()
        for index in 0..<FuzzGenerator.cases where !failures.tooMany {
            var fuzz = FuzzGenerator(seed: 0x0DDC, case: index)
            let seed = fuzz.int(0...seeds.count - 1)
            var bytes: [UInt8]
            switch fuzz.int(0...9) {
            case 0...5:  // structural mutations, sometimes followed by byte mutations
                var model = decoded[seed]
                var mutator = ONNXModelMutator(fuzz: fuzz)
                mutator.mutate(&model)
                fuzz = mutator.fuzz
                bytes = try model.serializedBytes()
                if fuzz.chance(1, in: 4) { bytes = fuzz.mutateBytes(bytes, donor: fuzz.pick(seeds)) }
            case 6...8:  // byte mutations: flips, truncation, splices from another seed
                bytes = fuzz.mutateBytes(seeds[seed], donor: fuzz.pick(seeds))
            default:  // a random prefix of a model, or random bytes
                bytes = fuzz.chance(1, in: 2)
                    ? Array(seeds[seed].prefix(fuzz.int(0...seeds[seed].count)))
                    : fuzz.generatorBytes(count: fuzz.int(0...256))
            }
            var outcome = "loaded"
            let elapsed = clock.measure {
                do {
                    _ = try Network(modelBytes: bytes, options: NetworkOptions(threads: 1))
                } catch let error as InferenceError {
                    outcome = error.code.description
                } catch {
                    outcome = "untyped"
                    failures.check(false, "case \(index): untyped error \(type(of: error)): \(error)")
                }
            }
            outcomes[outcome, default: 0] += 1
            failures.check(elapsed < Self.caseLimit, "case \(index): took \(elapsed)")
        }
        // The mutations must reach past the protobuf decoder: some models still load, and refusals come
        // from shape checks and unsupported features too, not only from decoding.
        let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("ONNX loader fuzz, \(FuzzGenerator.cases) cases: \(summary)")
        if FuzzGenerator.cases >= 1_000 {
            #expect(outcomes["loaded", default: 0] > 0, "\(summary)")
            #expect(outcomes["shapeMismatch", default: 0] > 0, "\(summary)")
            #expect(outcomes["unsupported", default: 0] > 0, "\(summary)")
        }
    }
}

extension FuzzGenerator {
    /// `count` random bytes.
    mutating func generatorBytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
