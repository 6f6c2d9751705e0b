import Foundation
import Synchronization
import Testing
@testable import Inference

@Suite struct NetworkTests {
    /// conv 3x3 (pad 1) → ReLU6 → global average pool → flatten → Gemm to 3 classes.
    static func smallClassifier(classes: Int = 3) -> ModelBuilder {
        var model = ModelBuilder()
        model.input("input", [1, 3, 8, 8])
        model.initializer("w", [4, 3, 3, 3], (0..<108).map { Float(($0 * 37) % 11) / 10 - 0.5 })
        model.initializer("b", [4], [0.1, -0.2, 0.3, 0])
        model.node("Conv", ["input", "w", "b"], ["c"], ["pads": .ints([1, 1, 1, 1])])
        model.initializer("low", [], [0])
        model.initializer("high", [], [6])
        model.node("Clip", ["c", "low", "high"], ["r"])
        model.node("GlobalAveragePool", ["r"], ["p"])
        model.node("Flatten", ["p"], ["f"])
        model.initializer("fc", [classes, 4], (0..<(classes * 4)).map { Float($0 % 5) - 2 })
        model.initializer("fcb", [classes], (0..<classes).map { Float($0) * 0.1 })
        model.node("Gemm", ["f", "fc", "fcb"], ["logits"], ["transB": .int(1)])
        model.output("logits")
        return model
    }

    static func input(_ seed: Int) -> [Float] { (0..<192).map { Float(sin(Double($0 + seed) * 0.37)) * 2 } }

    @Test func concurrentRunsGiveTheSameResultsAsSequentialOnes() throws {
        let network = try Self.smallClassifier().network(NetworkOptions(threads: 1))
        let expected = try (0..<8).map { try network.run(Self.input($0)) }
        let results = Mutex<[Int: [Float]]>([:])
        DispatchQueue.concurrentPerform(iterations: 64) { iteration in
            let seed = iteration % 8
            if let output = try? network.run(Self.input(seed)) {
                results.withLock { $0[iteration] = output }
            }
        }
        let collected = results.withLock { $0 }
        #expect(collected.count == 64)
        for (iteration, output) in collected { #expect(output == expected[iteration % 8]) }
    }

    @Test func fusedAndUnfusedPlansAgree() throws {
        let fused = try Self.smallClassifier().run(Self.input(3))
        let plain = try Self.smallClassifier().run(Self.input(3), fuse: false)
        #expect(approximatelyEqual(fused, plain))
    }

    @Test func twoThreadPlanGivesTheSameResult() throws {
        let one = try Self.smallClassifier().network(NetworkOptions(threads: 1)).run(Self.input(5))
        let two = try Self.smallClassifier().network(NetworkOptions(threads: 2)).run(Self.input(5))
        #expect(approximatelyEqual(one, two))
    }

    @Test func unsupportedOperatorErrorNamesNodeAndOperator() throws {
        var model = ModelBuilder()
        model.input("x", [2])
        model.node("Tanh", ["x"], ["y"])
        model.output("y")
        let error = try #require(throws: InferenceError.self) { try model.network() }
        #expect(error.code == .unsupported)
        #expect(error.message.contains("Tanh node 'tanh1'"))
    }

    @Test func oldOpsetAndGarbageAreRejected() throws {
        var old = ModelBuilder(opset: 5)
        old.input("x", [2])
        old.node("Relu", ["x"], ["y"])
        old.output("y")
        let opsetError = try #require(throws: InferenceError.self) { try old.network() }
        #expect(opsetError.code == .unsupported)
        #expect(opsetError.message.contains("opset 5"))
        let garbage = try #require(throws: InferenceError.self) { try Network(modelBytes: Array("not a model".utf8)) }
        #expect(garbage.code == .invalidModel)
    }

    @Test func wrongInputSizeIsATypedError() throws {
        let network = try Self.smallClassifier().network()
        let error = try #require(throws: InferenceError.self) { try network.run([1, 2, 3]) }
        #expect(error.code == .invalidInput)
        #expect(network.inputs == [TensorSpec(name: "input", shape: [1, 3, 8, 8])])
        #expect(network.outputs == [TensorSpec(name: "logits", shape: [1, 3])])
    }
}
