import Foundation
@testable import MLPDomain
import Testing

/// A unit of work that must not be reached: validation happens before any database work.
struct UnreachableUnitOfWork: UnitOfWork {
    struct Reached: Error {}
    func transaction<T>(_ body: (any Repositories) throws -> T) throws -> T { throw Reached() }
    func read<T>(_ body: (any Repositories) throws -> T) throws -> T { throw Reached() }
}

/// A classifier and processor that must not be reached either.
struct UnreachableModel: ImageClassifier, ImageProcessor, ContentDigester {
    var models: [ModelDescriptor] { [] }
    var maxBytes: Int { 100 }
    func classify(_ bytes: [UInt8], model: String?, topK: Int) throws -> ImageClassification { throw UnreachableUnitOfWork.Reached() }
    func explain(_ bytes: [UInt8], model: String?, classIndex: Int?, grid: Int) throws -> ImageExplanation {
        throw UnreachableUnitOfWork.Reached()
    }
    func inspect(_ bytes: [UInt8]) throws -> ImageFacts { throw UnreachableUnitOfWork.Reached() }
    func thumbnail(_ bytes: [UInt8], longestSide: Int) throws -> [UInt8] { throw UnreachableUnitOfWork.Reached() }
    func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] { [] }
    func turned(_ bytes: [UInt8], clockwise quarterTurns: Int) throws -> [UInt8] { throw UnreachableUnitOfWork.Reached() }
    func sha256Hex(_ bytes: [UInt8]) -> String { "" }
}

@Suite struct ImageRulesTests {
    let upload = UploadImageUseCase(
        unitOfWork: UnreachableUnitOfWork(), classifier: UnreachableModel(), processor: UnreachableModel(), digester: UnreachableModel()
    )

    private func fields(_ input: UploadImageUseCase.Input) -> [String] {
        do {
            _ = try upload.execute(input)
            return ["no error"]
        } catch let error as DomainError {
            return error.fieldErrors.map(\.field)
        } catch {
            return ["\(error)"]
        }
    }

    @Test(arguments: [0, 45, 360, -360, 900, 1, Int.max, Int.min])
    func aTurnOtherThanQuarterTurnsIsRefusedBeforeAnyWork(degrees: Int) {
        let update = UpdateImageUseCase(
            unitOfWork: UnreachableUnitOfWork(), classifier: UnreachableModel(), processor: UnreachableModel(), digester: UnreachableModel()
        )
        #expect(throws: DomainError.invalid("degrees", "Must be 90, 180 or 270 (clockwise), or -90, -180 or -270 (counter-clockwise).")) {
            try update.turn(userID: 1, imageID: 1, degrees: degrees)
        }
    }

    @Test func optionsAreCheckedBeforeAnyWork() {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF]
        #expect(fields(.init(userID: 1, bytes: bytes, classification: .init(topK: 0))) == ["top_k"])
        #expect(fields(.init(userID: 1, bytes: bytes, classification: .init(topK: 21))) == ["top_k"])
        #expect(fields(.init(userID: 1, bytes: bytes, title: String(repeating: "t", count: 201))) == ["title"])
        #expect(fields(.init(userID: 1, bytes: bytes, title: "tab\u{7}bell")) == ["title"])
        // 150 characters but 300 Unicode scalars (e + combining acute): over the column's 200 code points.
        #expect(fields(.init(userID: 1, bytes: bytes, title: String(repeating: "e\u{301}", count: 150))) == ["title"])
        #expect(fields(.init(userID: 1, bytes: bytes, idempotencyKey: "")) == ["Idempotency-Key"])
        #expect(fields(.init(userID: 1, bytes: bytes, idempotencyKey: "é")) == ["Idempotency-Key"])
        #expect(fields(.init(userID: 1, bytes: bytes, classification: .init(topK: 0), idempotencyKey: String(repeating: "k", count: 65)))
            == ["top_k", "Idempotency-Key"])
    }

    @Test func emptyAndOversizePicturesAreRefusedBeforeTheModelRuns() {
        #expect(fields(.init(userID: 1, bytes: [])) == ["image"])
        #expect(throws: DomainError(.tooLarge, "The image is 101 bytes; at most 100 are accepted.")) {
            try upload.execute(.init(userID: 1, bytes: [UInt8](repeating: 0, count: 101)))
        }
    }

    @Test func reclassificationReportsGainedAndLostLabels() {
        let model = ModelReference(id: 1, name: "m", version: "1")
        func prediction(_ label: String, _ rank: Int) -> Prediction {
            Prediction(rank: rank, classIndex: rank, label: label, score: 0.1, model: model, isCurrent: true, createdAt: Date())
        }
        let image = Image(id: 1, userID: 1, title: nil, contentType: "image/jpeg", byteSize: 1, width: 1, height: 1, sha256: "", createdAt: Date(), updatedAt: Date())
        let output = ReclassifyImageUseCase.Output(
            details: ImageDetails(image: image, predictions: [prediction("cat", 1), prediction("lynx", 2)], historyCount: 2),
            previous: [prediction("cat", 1), prediction("dog", 2)]
        )
        #expect(output.gainedLabels == ["lynx"])
        #expect(output.lostLabels == ["dog"])
    }
}
