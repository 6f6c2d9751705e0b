import Foundation
import Testing
@testable import Inference

@Suite struct OperatorTests {
    func unary(_ op: String, shape: [Int], opset: Int = 13, _ attributes: [String: ModelBuilder.Value] = [:]) -> ModelBuilder {
        var model = ModelBuilder(opset: opset)
        model.input("x", shape)
        model.node(op, ["x"], ["y"], attributes)
        model.output("y")
        return model
    }

    @Test func activations() throws {
        #expect(try unary("Relu", shape: [3]).run([-1, 0, 2]) == [0, 0, 2])
        #expect(try unary("LeakyRelu", shape: [2], ["alpha": .float(0.1)]).run([-2, 3]) == [-0.2, 3])
        #expect(approximatelyEqual(try unary("Sigmoid", shape: [2]).run([0, log(3)]), [0.5, 0.75]))
        #expect(try unary("Clip", shape: [3], opset: 10, ["min": .float(-1), "max": .float(1)]).run([-2, 0.5, 2]) == [-1, 0.5, 1])
        var clip = ModelBuilder()
        clip.input("x", [3])
        clip.initializer("low", [], [0])
        clip.initializer("high", [], [6])
        clip.node("Clip", ["x", "low", "high"], ["y"])
        clip.output("y")
        #expect(try clip.run([-1, 3, 7]) == [0, 3, 6])
        var onlyMax = ModelBuilder()
        onlyMax.input("x", [2])
        onlyMax.initializer("high", [], [1])
        onlyMax.node("Clip", ["x", "", "high"], ["y"])
        onlyMax.output("y")
        #expect(try onlyMax.run([-5, 5]) == [-5, 1])
    }

    @Test func broadcastingArithmetic() throws {
        var add = ModelBuilder()
        add.input("x", [2, 3])
        add.initializer("row", [3], [10, 20, 30])
        add.node("Add", ["x", "row"], ["y"])
        add.output("y")
        #expect(try add.run([1, 2, 3, 4, 5, 6]) == [11, 22, 33, 14, 25, 36])

        var mul = ModelBuilder()
        mul.input("x", [2, 3])
        mul.initializer("column", [2, 1], [2, 3])
        mul.node("Mul", ["column", "x"], ["y"])
        mul.output("y")
        #expect(try mul.run([1, 2, 3, 4, 5, 6]) == [2, 4, 6, 12, 15, 18])

        var outer = ModelBuilder()
        outer.input("a", [2, 1])
        outer.input("b", [1, 3])
        outer.node("Add", ["a", "b"], ["y"])
        outer.output("y")
        let result = try outer.network().run(["a": Tensor(shape: [2, 1], values: [1, 2]), "b": Tensor(shape: [1, 3], values: [10, 20, 30])])
        #expect(result["y"] == Tensor(shape: [2, 3], values: [11, 21, 31, 12, 22, 32]))

        var sum = ModelBuilder()
        sum.input("x", [1, 2, 1, 2])
        sum.initializer("c", [1], [100])
        sum.node("Sum", ["x", "x", "c"], ["y"])
        sum.output("y")
        #expect(try sum.run([1, 2, 3, 4]) == [102, 104, 106, 108])
    }

    @Test func standaloneBatchNormalization() throws {
        var model = ModelBuilder()
        model.input("x", [1, 2, 1, 2])
        for (name, values) in [("scale", [1, 2]), ("shift", [0, 1]), ("mean", [1, 3]), ("var", [4, 1])] as [(String, [Float])] {
            model.initializer(name, [2], values)
        }
        model.node("BatchNormalization", ["x", "scale", "shift", "mean", "var"], ["y"], ["epsilon": .float(0)])
        model.output("y")
        #expect(approximatelyEqual(try model.run([1, 2, 3, 4]), [0, 0.5, 1, 3]))
    }

    @Test func pooling() throws {
        let sixteen = (1...16).map { Float($0) }
        let maxPool = unary("MaxPool", shape: [1, 1, 4, 4], ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])])
        #expect(try maxPool.run(sixteen) == [6, 8, 14, 16])
        let padded: [String: ModelBuilder.Value] = ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])]
        let excluding = unary("AveragePool", shape: [1, 1, 2, 2], padded)
        #expect(approximatelyEqual(try excluding.run([1, 2, 3, 4]), [2.5, 2.5, 2.5, 2.5]))
        var including = padded
        including["count_include_pad"] = .int(1)
        let counted = unary("AveragePool", shape: [1, 1, 2, 2], including)
        #expect(approximatelyEqual(try counted.run([1, 2, 3, 4]), Array(repeating: 10 / 9, count: 4)))
        #expect(try unary("GlobalAveragePool", shape: [1, 2, 2, 2]).run([1, 2, 3, 4, 5, 6, 7, 8]) == [2.5, 6.5])
    }

    @Test func localResponseNormalization() throws {
        let model = unary("LRN", shape: [1, 3, 1, 1], ["size": .int(3), "alpha": .float(3), "beta": .float(1), "bias": .float(1)])
        #expect(approximatelyEqual(try model.run([1, 2, 3]), [1.0 / 6, 2.0 / 15, 3.0 / 14]))
    }

    @Test func layoutOperatorsMoveValuesCorrectly() throws {
        #expect(try unary("Transpose", shape: [2, 3]).run([1, 2, 3, 4, 5, 6]) == [1, 4, 2, 5, 3, 6])
        var model = ModelBuilder()
        model.input("x", [1, 2, 2, 2])
        model.node("Relu", ["x"], ["r"])
        model.node("Concat", ["x", "r"], ["c"], ["axis": .int(1)])
        model.integers("shape", [2, -1])
        model.node("Reshape", ["c", "shape"], ["reshaped"])
        model.integers("axes", [0])
        model.node("Unsqueeze", ["reshaped", "axes"], ["u"])
        model.node("Squeeze", ["u", "axes"], ["s"])
        model.node("Transpose", ["s"], ["t"], ["perm": .ints([1, 0])])
        model.node("Flatten", ["t"], ["f"], ["axis": .int(0)])
        model.node("Dropout", ["f"], ["d"])
        model.node("Identity", ["d"], ["y"])
        model.output("y")
        let x: [Float] = [1, -2, 3, -4, 5, -6, 7, -8]
        let concatenated = x + x.map { max($0, 0) }
        // [2, 8] transposed: element (i, j) = concatenated[j * 8 + i]
        let expected = (0..<8).flatMap { i in [concatenated[i], concatenated[8 + i]] }
        #expect(try model.run(x) == expected)
    }

    @Test func constantsAreFoldedAndUsable() throws {
        var model = ModelBuilder()
        model.input("x", [1, 3])
        model.node("Constant", [], ["k"], ["value": .tensor(shape: [3], floats: [1, 2, 3])])
        model.integers("shape", [1, 3])
        model.node("ConstantOfShape", ["shape"], ["twos"], ["value": .tensor(shape: [1], floats: [2])])
        model.node("Add", ["x", "k"], ["a"])
        model.node("Mul", ["a", "twos"], ["y"])
        model.output("y")
        #expect(try model.run([10, 20, 30]) == [22, 44, 66])
    }

    @Test func gemmWithTranspositionsAlphaAndBeta() throws {
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let expected: [Float] = [13, 20, 25, 32]
        let scaling: [String: ModelBuilder.Value] = ["alpha": .float(2), "beta": .float(0.5)]
        for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
            var model = ModelBuilder()
            model.input("a", transA ? [3, 2] : [2, 3])
            model.initializer("b", transB ? [2, 3] : [3, 2], transB ? [1, 0, 1, 0, 1, 1] : [1, 0, 0, 1, 1, 1])
            model.initializer("c", [2], [10, 20])
            var attributes = scaling
            attributes["transA"] = .int(transA ? 1 : 0)
            attributes["transB"] = .int(transB ? 1 : 0)
            model.node("Gemm", ["a", "b", "c"], ["y"], attributes)
            model.output("y")
            let input = transA ? [1, 4, 2, 5, 3, 6] : a
            #expect(approximatelyEqual(try model.run(input), expected), "transA \(transA) transB \(transB)")
        }
        var runtime = ModelBuilder()
        runtime.input("a", [2, 3])
        runtime.input("b", [3, 2])
        runtime.initializer("c", [2], [10, 20])
        runtime.node("Gemm", ["a", "b", "c"], ["y"], scaling)
        runtime.output("y")
        let result = try runtime.network().run([
            "a": Tensor(shape: [2, 3], values: a), "b": Tensor(shape: [3, 2], values: [1, 0, 0, 1, 1, 1]),
        ])
        #expect(approximatelyEqual(result["y"]?.values ?? [], expected))
    }

    @Test func matMulPlainAndBatched() throws {
        var model = ModelBuilder()
        model.input("a", [2, 3])
        model.initializer("b", [3, 2], [1, 0, 0, 1, 1, 1])
        model.node("MatMul", ["a", "b"], ["y"])
        model.output("y")
        #expect(try model.run([1, 2, 3, 4, 5, 6]) == [4, 5, 10, 11])
        var batched = ModelBuilder()
        batched.input("a", [2, 1, 2])
        batched.initializer("b", [2, 1], [1, 10])
        batched.node("MatMul", ["a", "b"], ["y"])
        batched.output("y")
        #expect(try batched.run([1, 2, 3, 4]) == [21, 43])
    }

    @Test func softmaxAxisRulesChangedInOpset13() throws {
        let x: [Float] = [0, 0, 0, log(5)]
        let old = unary("Softmax", shape: [1, 2, 2], opset: 11)
        #expect(approximatelyEqual(try old.run(x), [0.125, 0.125, 0.125, 0.625]))
        let new = unary("Softmax", shape: [1, 2, 2], opset: 13)
        #expect(approximatelyEqual(try new.run(x), [0.5, 0.5, 1.0 / 6, 5.0 / 6]))
    }
}
