import Foundation
import Testing
@testable import Inference

@Suite struct ModelRegistryTests {
    /// A models directory with one folder per (name, sha256) pair, each holding the small test classifier.
    static func makeModels(_ entries: [(name: String, sha: String)], labels: [String] = ["cat", "dog", "bird"]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-models-\(UUID().uuidString)")
        for entry in entries {
            let folder = root.appendingPathComponent(entry.name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(try NetworkTests.smallClassifier().bytes()).write(to: folder.appendingPathComponent("model.onnx"))
            try (labels.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("labels.txt"), atomically: true, encoding: .utf8)
            let manifest = """
                {"name":"\(entry.name)","version":"1","task":"image-classification","format":"onnx","file":"model.onnx",
                 "sha256":"\(entry.sha)","labels":"labels.txt","input":{"name":"input","layout":"NCHW","channels":"RGB",
                 "height":8,"width":8,"mean":[127.0,127.0,127.0],"std":[128.0,128.0,128.0],
                 "resize":{"shorter_side":10,"crop":"center"}},"output":{"name":"logits","kind":"logits"},"source":"test"}
                """
            try manifest.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("not-a-model"), withIntermediateDirectories: true)
        return root.path
    }

    @Test func loadsEveryModelFolderAndPicksTheDefault() throws {
        let directory = try Self.makeModels([("beta", "00"), ("alpha", "00")])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = try ModelRegistry(directory: directory)
        #expect(registry.models.map(\.name) == ["alpha", "beta"])
        #expect(registry.defaultModel.name == "alpha")
        let chosen = try ModelRegistry(directory: directory, defaultName: "beta")
        #expect(chosen.defaultModel.name == "beta")
        #expect(chosen.defaultModel.manifest.input.resize.shorterSide == 10)
        #expect(chosen.defaultModel.labels == ["cat", "dog", "bird"])
        #expect(try chosen.model(named: nil).name == "beta")
        #expect(throws: InferenceError.self) { try chosen.model(named: "gamma") }
        let missing = try #require(throws: InferenceError.self) { try ModelRegistry(directory: directory, defaultName: "gamma") }
        #expect(missing.code == .modelNotFound)
    }

    @Test func theShippedModelStaysTheDefaultWhenAnotherSortsFirst() throws {
        let directory = try Self.makeModels([("efficientnet-lite0", "00"), ("colours", "00")])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(ModelRegistry.defaultName(configured: nil, in: directory) == "efficientnet-lite0")
        #expect(ModelRegistry.defaultName(configured: "", in: directory) == "efficientnet-lite0")
        #expect(ModelRegistry.defaultName(configured: "colours", in: directory) == "colours")
        let registry = try ModelRegistry(directory: directory, defaultName: ModelRegistry.defaultName(configured: nil, in: directory))
        #expect(registry.defaultModel.name == "efficientnet-lite0")
        let other = try Self.makeModels([("beta", "00"), ("alpha", "00")])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(ModelRegistry.defaultName(configured: nil, in: other) == nil)
    }

    @Test func checksumIsVerifiedWhenAHashFunctionIsGiven() throws {
        let directory = try Self.makeModels([("alpha", "ABCDEF")])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try ModelRegistry(directory: directory, verifySHA256: { _ in "abcdef" })
        let error = try #require(throws: InferenceError.self) {
            try ModelRegistry(directory: directory, verifySHA256: { _ in "012345" })
        }
        #expect(error.code == .checksumMismatch)
    }

    @Test func labelCountMustMatchTheOutput() throws {
        let directory = try Self.makeModels([("alpha", "00")], labels: ["only", "two"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = try #require(throws: InferenceError.self) { try ModelRegistry(directory: directory) }
        #expect(error.code == .invalidManifest)
        #expect(error.message.contains("2 labels for 3"))
    }

    @Test func emptyDirectoryIsAnError() throws {
        let directory = try Self.makeModels([])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: InferenceError.self) { try ModelRegistry(directory: directory) }
    }

    @Test func manifestDecodesTheDocumentedShape() throws {
        let json = """
            {"name":"efficientnet-lite0","version":"1","task":"image-classification","format":"onnx","file":"model.onnx",
             "sha256":"ab","labels":"labels.txt","input":{"name":"input","layout":"NCHW","channels":"RGB","height":224,
             "width":224,"mean":[127.0,127.0,127.0],"std":[128.0,128.0,128.0],"resize":{"shorter_side":256,"crop":"center"}},
             "output":{"name":"logits","kind":"logits"},"source":"somewhere"}
            """
        let manifest = try JSONDecoder().decode(ModelManifest.self, from: Data(json.utf8))
        try manifest.validate()
        #expect(manifest.input.resize.shorterSide == 256)
        #expect(manifest.input.mean == [127, 127, 127])
        var bad = manifest
        bad.input.layout = "NHWC"
        #expect(throws: InferenceError.self) { try bad.validate() }
    }
}
