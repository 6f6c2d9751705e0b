import Foundation
import Testing
@testable import Inference

@Suite struct ModelImporterTests {
    /// A classifier whose class is the dominant colour: the channel means of the picture, as logits.
    /// `size` nil declares a symbolic height and width.
    static func colourModel(size: Int? = 16, output: String = "scores", softmax: Bool = false) throws -> [UInt8] {
        var model = ModelBuilder()
        model.input("image", [nil, 3, size, size])
        model.node("GlobalAveragePool", ["image"], ["pooled"])
        model.node("Flatten", ["pooled"], [softmax ? "flat" : output])
        if softmax { model.node("Softmax", ["flat"], [output], ["axis": .int(1)]) }
        model.output(output)
        return try model.bytes()
    }

    static let colours = "red\ngreen\nblue\n"

    /// Hex SHA-256 stand-in: these tests check the folder, not the digest.
    static let digest: @Sendable ([UInt8]) -> String = { bytes in String(bytes.count, radix: 16) }

    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func colourImport(name: String = "colours", version: String = "1") throws -> ModelImport {
        var request = ModelImport(modelBytes: try colourModel(), labelsText: colours, name: name, version: version)
        request.mean = [0, 0, 0]
        request.std = [25.5, 25.5, 25.5]
        return request
    }

    @Test func anImportedModelIsServedByTheRegistryAndClassifiesAsTrained() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let imported = try ModelImporter.run(try Self.colourImport(), into: directory, sha256: Self.digest)
        #expect(imported.classes == 3)
        #expect(imported.replacedVersion == nil)
        #expect(imported.directory == directory + "/colours")
        #expect(Self.entries(directory) == ["colours"])
        #expect(Self.entries(imported.directory) == ["labels.txt", "manifest.json", "model.onnx"])
        let manifest = imported.manifest
        #expect(manifest.input.name == "image" && manifest.output.name == "scores")
        #expect(manifest.input.width == 16 && manifest.input.height == 16)
        #expect(manifest.input.resize.shorterSide == 19)

        let registry = try ModelRegistry(directory: directory, verifySHA256: Self.digest)
        let classifier = Classifier(model: try registry.model(named: "colours"))
        let red = RGBImage(width: 40, height: 30, pixels: [UInt8](repeating: 0, count: 40 * 30 * 3).enumerated().map {
            $0.offset % 3 == 0 ? 230 : 20
        })
        let blue = RGBImage(width: 30, height: 40, pixels: [UInt8](repeating: 0, count: 40 * 30 * 3).enumerated().map {
            [10, 30, 200][$0.offset % 3]
        })
        #expect(try classifier.classify(image: red, topK: 1).map(\.label) == ["red"])
        #expect(try classifier.classify(image: blue, topK: 3).map(\.label) == ["blue", "green", "red"])
    }

    @Test func eachRefusalNamesTheProblemAndLeavesTheDirectoryAsItWas() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func refusal(_ change: (inout ModelImport) throws -> Void) throws -> String {
            var request = try Self.colourImport()
            try change(&request)
            let error = try #require(throws: InferenceError.self) {
                try ModelImporter.run(request, into: directory, sha256: Self.digest)
            }
            #expect(Self.entries(directory).isEmpty, "left behind: \(Self.entries(directory))")
            return error.message
        }
        #expect(try refusal { $0.labelsText = "red\ngreen\n" }.contains("2 labels for 3 output classes"))
        #expect(try refusal { $0.labelsText = "red\n\nblue\n" }.contains("line 2 of the labels file is empty"))
        #expect(try refusal { $0.labelsText = "\n \n" }.contains("no labels"))
        #expect(try refusal { $0.labelsText = "red\ngreen\n" + String(repeating: "b", count: 256) }.contains("longer than 255"))
        #expect(try refusal { $0.name = "Colours" }.contains("the name 'Colours' is not"))
        #expect(try refusal { $0.name = "../colours" }.contains("is not"))
        #expect(try refusal { $0.name = "-colours" }.contains("must start with"))
        #expect(try refusal { $0.version = "1 beta" }.contains("the version '1 beta' is not"))
        #expect(try refusal { $0.modelBytes = Array("not a model".utf8) }.contains("not an ONNX model"))
        #expect(try refusal { $0.modelBytes = try Self.colourModel(size: nil) }.contains("does not fix its height; give --size"))
        #expect(try refusal { $0.width = 20; $0.height = 20 }.contains("is 16 pixels in height, not 20"))
        #expect(try refusal { $0.outputName = "logits" }.contains("no output named 'logits' (it has scores)"))
        #expect(try refusal { $0.outputKind = "probabilities" }.contains("does not look like probabilities"))
        #expect(try refusal { $0.std = [0, 1, 1] }.contains("std values must be positive"))
        #expect(try refusal { $0.shorterSide = 10 }.contains("below the crop size"))
    }

    @Test func sizeAndOutputKindCanBeGivenWhereTheGraphLeavesThemOpen() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var request = try Self.colourImport()
        request.modelBytes = try Self.colourModel(size: nil, output: "probabilities", softmax: true)
        request.width = 24
        request.height = 24
        request.shorterSide = 32
        request.outputKind = "probabilities"
        let imported = try ModelImporter.run(request, into: directory, sha256: Self.digest)
        #expect(imported.manifest.input.width == 24 && imported.manifest.input.resize.shorterSide == 32)
        let model = try ModelRegistry(directory: directory).defaultModel
        let green = RGBImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { $0 % 3 == 1 ? 250 : 0 })
        let top = try #require(try Classifier(model: model).classify(image: green, topK: 1).first)
        #expect(top.label == "green")
        #expect(top.score > 0.99)
    }

    @Test func aReplacementNeedsReplaceAndANewVersionForAnotherFile() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try ModelImporter.run(try Self.colourImport(), into: directory, sha256: Self.digest)

        let again = try #require(throws: InferenceError.self) {
            try ModelImporter.run(try Self.colourImport(), into: directory, sha256: Self.digest)
        }
        #expect(again.message.contains("already in") && again.message.contains("--replace"))

        var changed = try Self.colourImport()
        changed.modelBytes = try Self.colourModel(output: "colour_scores")
        let sameVersion = try #require(throws: InferenceError.self) {
            try ModelImporter.run(changed, into: directory, replace: true, sha256: Self.digest)
        }
        #expect(sameVersion.message.contains("give the new one its own --version"))
        #expect(try ModelRegistry(directory: directory).defaultModel.manifest.output.name == "scores")

        changed.version = "2"
        let replaced = try ModelImporter.run(changed, into: directory, replace: true, sha256: Self.digest)
        #expect(replaced.replacedVersion == "1")
        #expect(Self.entries(directory) == ["colours"])
        let model = try ModelRegistry(directory: directory).defaultModel
        #expect(model.manifest.version == "2" && model.manifest.output.name == "colour_scores")
    }

    @Test func theRegistrySkipsHiddenFoldersSuchAsAnUnfinishedImport() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let imported = try ModelImporter.run(try Self.colourImport(), into: directory, sha256: Self.digest)
        try FileManager.default.copyItem(atPath: imported.directory, toPath: directory + "/.import-colours-interrupted")
        let registry = try ModelRegistry(directory: directory)
        #expect(registry.models.map(\.name) == ["colours"])
    }
}
