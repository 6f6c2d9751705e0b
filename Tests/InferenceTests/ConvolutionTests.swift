import Testing
@testable import Inference

@Suite struct ConvolutionTests {
    let nine: [Float] = (1...9).map { Float($0) }

    func conv(
        input: [Int], weights: [Int], _ weightValues: [Float], bias: [Float]? = nil,
        _ attributes: [String: ModelBuilder.Value] = [:]
    ) -> ModelBuilder {
        var model = ModelBuilder()
        model.input("x", input)
        model.initializer("w", weights, weightValues)
        var inputs = ["x", "w"]
        if let bias {
            model.initializer("b", [bias.count], bias)
            inputs.append("b")
        }
        model.node("Conv", inputs, ["y"], attributes)
        model.output("y")
        return model
    }

    @Test func windowSumsWithBias() throws {
        let model = conv(input: [1, 1, 3, 3], weights: [1, 1, 2, 2], [1, 1, 1, 1], bias: [1])
        #expect(try model.run(nine) == [13, 17, 25, 29])
    }

    @Test func asymmetricPadsOnlyAtTopAndLeft() throws {
        let model = conv(input: [1, 1, 3, 3], weights: [1, 1, 2, 2], [1, 1, 1, 1], ["pads": .ints([1, 1, 0, 0])])
        #expect(try model.run(nine) == [1, 3, 5, 5, 12, 16, 11, 24, 28])
    }

    @Test func depthwiseMultipliesEachChannelByItsOwnWeight() throws {
        let model = conv(input: [1, 2, 2, 2], weights: [2, 1, 1, 1], [2, 3], ["group": .int(2)])
        #expect(try model.run([1, 2, 3, 4, 5, 6, 7, 8]) == [2, 4, 6, 8, 15, 18, 21, 24])
    }

    @Test func autoPadSameUpperAndLowerPlaceTheExtraPaddingDifferently() throws {
        let ones = [Float](repeating: 1, count: 16)
        let kernel = [Float](repeating: 1, count: 9)
        let upper = conv(input: [1, 1, 4, 4], weights: [1, 1, 3, 3], kernel, ["strides": .ints([2, 2]), "auto_pad": .string("SAME_UPPER")])
        let lower = conv(input: [1, 1, 4, 4], weights: [1, 1, 3, 3], kernel, ["strides": .ints([2, 2]), "auto_pad": .string("SAME_LOWER")])
        #expect(try upper.run(ones) == [9, 6, 6, 4])
        #expect(try lower.run(ones) == [4, 6, 6, 9])
    }

    @Test func dilationSpreadsTheKernel() throws {
        let model = conv(input: [1, 1, 3, 3], weights: [1, 1, 2, 2], [1, 1, 1, 1], ["dilations": .ints([2, 2])])
        #expect(try model.run(nine) == [20])
    }

    @Test func groupedConvolutionKeepsGroupsApart() throws {
        // Two groups of two channels; each output channel sums its group's inputs times (1, 10).
        let model = conv(input: [1, 4, 1, 1], weights: [2, 2, 1, 1], [1, 10, 1, 10], ["group": .int(2)])
        #expect(try model.run([1, 2, 3, 4]) == [21, 43])
    }

    @Test func batchNormalizationIsFoldedIntoTheConvolution() throws {
        var model = ModelBuilder()
        model.input("x", [1, 2, 1, 2])
        model.initializer("w", [2, 2, 1, 1], [1, 0, 0, 1])
        model.node("Conv", ["x", "w"], ["c"])
        for (name, values) in [("scale", [1, 2]), ("shift", [0, 1]), ("mean", [1, 3]), ("var", [4, 1])] as [(String, [Float])] {
            model.initializer(name, [2], values)
        }
        model.node("BatchNormalization", ["c", "scale", "shift", "mean", "var"], ["y"], ["epsilon": .float(0)])
        model.output("y")
        let graph = try Fusion.run(try ShapeInference.run(try ONNXModelLoader.load(try model.bytes())))
        #expect(graph.nodes.map(\.opType) == ["Conv"])
        let expected: [Float] = [0, 0.5, 1, 3]
        #expect(approximatelyEqual(try model.run([1, 2, 3, 4]), expected))
        #expect(approximatelyEqual(try model.run([1, 2, 3, 4], fuse: false), expected))
    }

    @Test func residualAddAndReluRunInsideTheConvolution() throws {
        var model = ModelBuilder()
        model.input("x", [1, 2, 2, 2])
        model.initializer("w", [2, 2, 1, 1], [2, 0, 0, 2])
        model.node("Conv", ["x", "w"], ["c"])
        model.node("Add", ["c", "x"], ["sum"])
        model.node("Relu", ["sum"], ["y"])
        model.output("y")
        let graph = try Fusion.run(try ShapeInference.run(try ONNXModelLoader.load(try model.bytes())))
        #expect(graph.nodes.count == 1)
        #expect(graph.nodes[0].fused.count == 2)
        let x: [Float] = [1, -2, 3, -4, 5, -6, 7, -8]
        let expected = x.map { max(3 * $0, 0) }
        #expect(try model.run(x) == expected)
        #expect(try model.run(x, fuse: false) == expected)
    }

    @Test func residualStillNeededLaterIsNotOverwritten() throws {
        var model = ModelBuilder()
        model.input("x", [1, 2, 2, 2])
        model.initializer("w", [2, 2, 1, 1], [2, 0, 0, 2])
        model.node("Conv", ["x", "w"], ["c"])
        model.node("Add", ["c", "x"], ["sum"])
        model.node("Mul", ["sum", "x"], ["y"])
        model.output("y")
        let x: [Float] = [1, -2, 3, -4, 5, -6, 7, -8]
        #expect(try model.run(x) == x.map { 3 * $0 * $0 })
    }
}
