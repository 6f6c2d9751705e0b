import Testing
@testable import Inference

@Suite struct ShapeInferenceTests {
    func shapes(_ builder: ModelBuilder, inputShapes: [String: [Int]] = [:]) throws -> ShapedGraph {
        try ShapeInference.run(try ONNXModelLoader.load(try builder.bytes()), inputShapes: inputShapes)
    }

    @Test func sameUpperPaddingPutsTheExtraRowAtTheBottomForStrideTwo() throws {
        var model = ModelBuilder()
        model.input("x", [1, 3, 224, 224])
        model.initializer("w", [32, 3, 3, 3], Array(repeating: 0, count: 32 * 27))
        model.node("Conv", ["x", "w"], ["y"], ["strides": .ints([2, 2]), "auto_pad": .string("SAME_UPPER")])
        model.output("y")
        let graph = try shapes(model)
        #expect(graph.shapes["y"] == [1, 32, 112, 112])
        let geometry = try WindowGeometry(node: graph.nodes[0], spatial: [224, 224], kernel: [3, 3])
        #expect(geometry.padsBegin == [0, 0])
        #expect(geometry.padsEnd == [1, 1])
    }

    @Test func sameLowerPutsTheExtraPaddingFirst() throws {
        var model = ModelBuilder()
        model.input("x", [1, 1, 6, 6])
        model.node("MaxPool", ["x"], ["y"], ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2]), "auto_pad": .string("SAME_LOWER")])
        model.output("y")
        let graph = try shapes(model)
        #expect(graph.shapes["y"] == [1, 1, 3, 3])
        let geometry = try WindowGeometry(node: graph.nodes[0], spatial: [5, 5], kernel: [2, 2])
        #expect(geometry.padsBegin == [1, 1])
        #expect(geometry.padsEnd == [0, 0])
        #expect(geometry.output == [3, 3])
    }

    @Test func groupedDilatedConvWithAsymmetricPads() throws {
        var model = ModelBuilder()
        model.input("x", [2, 4, 10, 9])
        model.initializer("w", [8, 2, 3, 3], Array(repeating: 0, count: 8 * 18))
        model.node("Conv", ["x", "w"], ["y"], [
            "group": .int(2), "dilations": .ints([2, 1]), "pads": .ints([1, 0, 2, 1]), "strides": .ints([1, 2]),
        ])
        model.output("y")
        // height: 10 + 1 + 2 - 5 + 1 = 9; width: (9 + 0 + 1 - 3) / 2 + 1 = 4
        #expect(try shapes(model).shapes["y"] == [2, 8, 9, 4])
    }

    @Test func ceilModePoolingKeepsAPartialLastWindow() throws {
        var model = ModelBuilder()
        model.input("x", [1, 1, 6, 6])
        model.node("MaxPool", ["x"], ["y"], ["kernel_shape": .ints([3, 3]), "strides": .ints([2, 2]), "ceil_mode": .int(1)])
        model.output("y")
        // ceil((6 - 3) / 2) + 1 = 3 windows (floor would give 2); the third starts at 4 < 6, so it stays.
        #expect(try shapes(model).shapes["y"] == [1, 1, 3, 3])
    }

    @Test func ceilModePoolingDropsAWindowStartingInEndPadding() throws {
        var model = ModelBuilder()
        model.input("x", [1, 1, 5, 5])
        model.node("AveragePool", ["x"], ["y"], [
            "kernel_shape": .ints([2, 2]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]), "ceil_mode": .int(1),
        ])
        model.output("y")
        // ceil((5 + 2 - 2) / 2) + 1 = 4, but the fourth window would start at 6 = padded end: 3 remain.
        #expect(try shapes(model).shapes["y"] == [1, 1, 3, 3])
    }

    @Test func shapeArithmeticIsFoldedAtLoad() throws {
        var model = ModelBuilder()
        model.input("x", [1, 8, 2, 2])
        model.node("Shape", ["x"], ["s"])
        model.integers("zero", [0])
        model.node("Gather", ["s", "zero"], ["batch"], ["axis": .int(0)])
        model.integers("minusOne", [-1])
        model.node("Concat", ["batch", "minusOne"], ["target"], ["axis": .int(0)])
        model.node("Reshape", ["x", "target"], ["y"])
        model.output("y")
        let graph = try shapes(model)
        #expect(graph.shapes["y"] == [1, 32])
        #expect(graph.nodes.map(\.opType) == ["Reshape"])
        #expect(graph.constants["target"]?.integers == [1, -1])
    }

    @Test func layoutOperatorShapes() throws {
        var model = ModelBuilder()
        model.input("x", [2, 3, 1, 5])
        model.integers("axes", [2])
        model.node("Squeeze", ["x", "axes"], ["squeezed"])
        model.integers("axes2", [0, 3])
        model.node("Unsqueeze", ["squeezed", "axes2"], ["unsqueezed"])
        model.node("Transpose", ["unsqueezed"], ["transposed"], ["perm": .ints([1, 3, 0, 2, 4])])
        model.node("Flatten", ["transposed"], ["flat"], ["axis": .int(2)])
        model.output("flat")
        let graph = try shapes(model)
        #expect(graph.shapes["squeezed"] == [2, 3, 5])
        #expect(graph.shapes["unsqueezed"] == [1, 2, 3, 1, 5])
        #expect(graph.shapes["transposed"] == [2, 1, 1, 3, 5])
        #expect(graph.shapes["flat"] == [2, 15])
    }

    @Test func symbolicBatchBecomesOneAndMatMulBroadcasts() throws {
        var model = ModelBuilder()
        model.input("x", [nil, 4, 3])
        model.initializer("w", [3, 7], Array(repeating: 0, count: 21))
        model.node("MatMul", ["x", "w"], ["y"])
        model.output("y")
        #expect(try shapes(model).shapes["y"] == [1, 4, 7])
        #expect(try shapes(model, inputShapes: ["x": [5, 4, 3]]).shapes["y"] == [5, 4, 7])
    }

    @Test func incompatibleBroadcastNamesTheNode() throws {
        var model = ModelBuilder()
        model.input("a", [2, 3])
        model.input("b", [4])
        model.node("Add", ["a", "b"], ["y"])
        model.output("y")
        let error = try #require(throws: InferenceError.self) { try shapes(model) }
        #expect(error.code == .shapeMismatch)
        #expect(error.message.contains("Add node 'add1'"))
    }
}
