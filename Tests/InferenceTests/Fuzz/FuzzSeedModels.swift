import Foundation
@testable import Inference

/// Small valid models the ONNX loader fuzz test mutates: built in memory to cover every supported
/// operator family, plus the exporter-made fixture networks.
enum FuzzSeedModels {
    static func all() throws -> [[UInt8]] {
        var seeds = try [
            NetworkTests.smallClassifier().bytes(), shapeArithmetic().bytes(), poolingAndNormalisation().bytes(),
            legacyBroadcast().bytes(),
        ]
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/networks")
        for name in ["squeeze-fire", "mobile-residual"] {
            seeds.append([UInt8](try Data(contentsOf: fixtures.appendingPathComponent("\(name)/model.onnx"))))
        }
        return seeds
    }

    /// Shape → Gather → Concat → Reshape, ConstantOfShape, Unsqueeze/Squeeze, Transpose, MatMul, Softmax.
    static func shapeArithmetic() -> ModelBuilder {
        var model = ModelBuilder()
        model.input("x", [1, 3, 4, 4])
        model.node("Shape", ["x"], ["s"])
        model.integers("zero", [0])
        model.node("Gather", ["s", "zero"], ["batch"], ["axis": .int(0)])
        model.node("Constant", [], ["rest"], ["value": .tensor(shape: [1], floats: [-1])])
        model.node("Concat", ["batch", "rest"], ["target"], ["axis": .int(0)])
        model.node("Reshape", ["x", "target"], ["flat"])
        model.integers("axes", [1])
        model.node("Unsqueeze", ["flat", "axes"], ["wide"])
        model.node("Squeeze", ["wide", "axes"], ["narrow"])
        model.integers("fillShape", [48, 5])
        model.node("ConstantOfShape", ["fillShape"], ["fill"], ["value": .tensor(shape: [1], floats: [0.01])])
        model.node("MatMul", ["narrow", "fill"], ["scores"])
        model.node("Transpose", ["scores"], ["turned"], ["perm": .ints([1, 0])])
        model.node("Transpose", ["turned"], ["back"], ["perm": .ints([1, 0])])
        model.node("Softmax", ["back"], ["probabilities"], ["axis": .int(-1)])
        model.output("probabilities")
        return model
    }

    /// Conv → BatchNormalization → Relu → residual Add → MaxPool, AveragePool, LRN, Concat, Sum, Mul,
    /// Sigmoid, LeakyRelu, GlobalMaxPool, Flatten, Dropout, Identity, Gemm.
    static func poolingAndNormalisation() -> ModelBuilder {
        var model = ModelBuilder()
        model.input("x", [1, 4, 6, 6])
        model.initializer("w", [4, 4, 3, 3], (0..<144).map { Float(($0 * 13) % 7) / 10 - 0.3 })
        model.node("Conv", ["x", "w"], ["c"], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([1, 1])])
        model.initializer("scale", [4], [1, 0.5, 2, 1])
        model.initializer("bias", [4], [0, 0.1, -0.1, 0])
        model.initializer("mean", [4], [0, 0, 0.2, 0])
        model.initializer("variance", [4], [1, 1, 0.5, 2])
        model.node("BatchNormalization", ["c", "scale", "bias", "mean", "variance"], ["b"], ["epsilon": .float(1e-3)])
        model.node("Relu", ["b"], ["r"])
        model.node("Add", ["r", "x"], ["a"])
        model.node("MaxPool", ["a"], ["p"], ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])])
        model.node(
            "AveragePool", ["a"], ["q"],
            ["kernel_shape": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]), "ceil_mode": .int(0)]
        )
        model.node("LRN", ["p"], ["l"], ["size": .int(3)])
        model.node("Concat", ["l", "q"], ["joined"], ["axis": .int(1)])
        model.node("Sum", ["joined", "joined"], ["doubled"])
        model.initializer("half", [1], [0.5])
        model.node("Mul", ["doubled", "half"], ["m"])
        model.node("Sigmoid", ["m"], ["g"])
        model.node("LeakyRelu", ["g"], ["k"], ["alpha": .float(0.1)])
        model.node("GlobalMaxPool", ["k"], ["pooled"])
        model.node("Flatten", ["pooled"], ["f"], ["axis": .int(1)])
        model.node("Dropout", ["f"], ["d"])
        model.node("Identity", ["d"], ["i"])
        model.initializer("fc", [3, 8], (0..<24).map { Float($0 % 5) - 2 })
        model.initializer("fcb", [3], [0.1, 0.2, 0.3])
        model.node("Gemm", ["i", "fc", "fcb"], ["logits"], ["transB": .int(1)])
        model.output("logits")
        return model
    }

    /// Opset 6 Add with `broadcast`/`axis` (legacy broadcasting), Clip with attribute bounds.
    static func legacyBroadcast() -> ModelBuilder {
        var model = ModelBuilder(opset: 6)
        model.input("x", [1, 3, 2, 2])
        model.initializer("channel", [3], [1, 2, 3])
        model.node("Add", ["x", "channel"], ["y"], ["broadcast": .int(1), "axis": .int(1)])
        model.node("Clip", ["y"], ["z"], ["min": .float(0), "max": .float(6)])
        model.output("z")
        return model
    }
}
