import Foundation
import HTTP
@testable import MLPAPI
import Testing

@Suite struct EncodedPictureCacheTests {
    private func text(_ count: Int, _ fill: UInt8 = 65) -> [UInt8] { [UInt8](repeating: fill, count: count) }

    @Test func hitsOnlyForTheSameImageAndDigest() {
        let cache = EncodedPictureCache(capacityBytes: 1 << 20)
        #expect(cache.text(imageID: 1, sha256: "a") == nil)
        cache.store(imageID: 1, sha256: "a", text: text(10))
        #expect(cache.text(imageID: 1, sha256: "a") == text(10))
        #expect(cache.text(imageID: 1, sha256: "b") == nil, "a replaced picture has another digest")
        #expect(cache.text(imageID: 2, sha256: "a") == nil)
        let statistics = cache.statistics
        #expect(statistics.hits == 1 && statistics.misses == 3 && statistics.entries == 1 && statistics.bytes == 10)
        cache.store(imageID: 1, sha256: "b", text: text(30))
        #expect(cache.text(imageID: 1, sha256: "b") == text(30))
        #expect(cache.text(imageID: 1, sha256: "a") == nil, "the new version of a picture replaces the old one")
        #expect(cache.statistics.entries == 1 && cache.statistics.bytes == 30)
    }

    @Test func staysWithinBudgetEvictingTheLeastRecentlyUsed() {
        let cache = EncodedPictureCache(capacityBytes: 8000)
        for id in 1...8 { cache.store(imageID: Int64(id), sha256: "s", text: text(1000)) }
        #expect(cache.statistics.bytes == 8000)
        _ = cache.text(imageID: 1, sha256: "s")  // 1 is now the most recently used
        cache.store(imageID: 9, sha256: "s", text: text(1000))
        let statistics = cache.statistics
        #expect(statistics.bytes <= 6000, "evicts down to three quarters of the budget")
        #expect(cache.text(imageID: 1, sha256: "s") != nil)
        #expect(cache.text(imageID: 9, sha256: "s") != nil)
        #expect(cache.text(imageID: 2, sha256: "s") == nil, "the least recently used went first")
        #expect(cache.text(imageID: 3, sha256: "s") == nil)
    }

    @Test func neverKeepsAPictureLargerThanAnEighthOfTheBudget() {
        let cache = EncodedPictureCache(capacityBytes: 8000)
        cache.store(imageID: 1, sha256: "s", text: text(1001))
        #expect(cache.text(imageID: 1, sha256: "s") == nil)
        #expect(cache.statistics.bytes == 0)
        let off = EncodedPictureCache(capacityBytes: 0)
        off.store(imageID: 1, sha256: "s", text: text(1))
        #expect(off.text(imageID: 1, sha256: "s") == nil)
    }

    @Test func concurrentUseKeepsTheBudget() async {
        let cache = EncodedPictureCache(capacityBytes: 64_000)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<500 {
                        let id = Int64((worker * 7 + round) % 100)
                        if cache.text(imageID: id, sha256: "s") == nil { cache.store(imageID: id, sha256: "s", text: self.text(1000, UInt8(id))) }
                    }
                }
            }
        }
        let statistics = cache.statistics
        #expect(statistics.bytes <= 64_000 && statistics.bytes == statistics.entries * 1000)
        #expect(statistics.hits + statistics.misses == 4000)
    }

    @Test func servedDetailsFollowReplaceDeleteAndOwnership() throws {
        let cache = EncodedPictureCache(capacityBytes: 1 << 20)
        let app = ImageTestApp(pictureCache: cache)
        let ann = try app.token("ann@example.com"), bob = try app.token("bob@example.com")
        let id = try #require(app.upload(FakePictures.jpeg(), token: ann).object["id"] as? Int)
        func picture(_ token: String) -> [UInt8]? {
            Data(base64Encoded: app.send(.get, "/api/v1/images/\(id)", token: token).object["image_base64"] as? String ?? "").map { [UInt8]($0) }
        }
        #expect(picture(ann) == FakePictures.jpeg())
        #expect(picture(ann) == FakePictures.jpeg())
        #expect(cache.statistics.hits == 1, "the second read came from the cache")
        #expect(app.send(.get, "/api/v1/images/\(id)", token: bob).status == .notFound, "cached or not, another user gets 404")
        let body = Array(#"{"image_base64":"\#(Data(FakePictures.png("dog")).base64EncodedString())"}"#.utf8)
        #expect(app.send(.put, "/api/v1/images/\(id)", body: body, contentType: "application/json", token: ann).status == .ok)
        #expect(picture(ann) == FakePictures.png("dog"), "a replaced picture is never served stale")
        #expect(app.send(.delete, "/api/v1/images/\(id)", token: ann).status == .noContent)
        #expect(app.send(.get, "/api/v1/images/\(id)", token: ann).status == .notFound)
    }
}
